"""Independent numpy implementation of R did::att_gt (panel, varying base period) with DRDID's
reg_did_panel / std_ipw_did_panel / drdid_panel, written from the DRDID R sources to cross-check
StaggeredDid where no published R output exists (IPW and not-yet-treated controls with ~lpop).
It reproduces the published R values for REG (~lpop) and DR (~lpop), see StaggeredDidCovariatesTest.
Run from this directory (python3 with numpy):
    python3 drdid_reference.py mpdta-teen-employment.csv mpdta-lpop.csv"""
import sys
import numpy as np

def load(emp_path, lpop_path):
    emp = np.genfromtxt(emp_path, delimiter=",", skip_header=1)
    lp = dict(np.genfromtxt(lpop_path, delimiter=",", skip_header=1))
    ids = emp[:, 0].astype(int)
    g = emp[:, 1].astype(int)
    y = np.log(emp[:, 2:7])
    x = np.array([lp[i] for i in ids])
    return ids, g, y, x

def logit(D, X):
    b = np.zeros(X.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-X @ b))
        H = X.T @ (X * (p * (1 - p))[:, None])
        step = np.linalg.solve(H, X.T @ (D - p))
        b += step
        if np.max(np.abs(step)) < 1e-12:
            break
    p = 1 / (1 + np.exp(-X @ b))
    return p, np.linalg.inv(X.T @ (X * (p * (1 - p))[:, None]))

def two_by_two(dy, D, X, method):
    n = len(D)
    if method in ("dr", "ipw"):
        ps, V = logit(D, X)
        ps = np.minimum(ps, 1 - 1e-6)
        trim = np.where(D == 1, True, ps < 0.995)
        hess = V * n
        alr_ps = ((D - ps)[:, None] * X) @ hess
    if method in ("dr", "reg"):
        c = D == 0
        beta = np.linalg.lstsq(X[c], dy[c], rcond=None)[0]
        od = X @ beta
        wx = (1 - D)[:, None] * X
        xpx_inv = np.linalg.inv(wx.T @ X / n)
        alr_ols = ((1 - D) * (dy - od))[:, None] * X @ xpx_inv
    if method == "reg":
        wt = D.astype(float); wc = D.astype(float)
        et = np.mean(wt * dy) / np.mean(wt)
        ec = np.mean(wc * od) / np.mean(wc)
        inf_t = (wt * dy - wt * et) / np.mean(wt)
        inf_c = ((wc * od - wc * ec) + alr_ols @ np.mean(wc[:, None] * X, axis=0)) / np.mean(wc)
        return et - ec, inf_t - inf_c
    wt = trim * D
    wc = trim * ps * (1 - D) / (1 - ps)
    if method == "ipw":
        et = np.mean(wt * dy) / np.mean(wt)
        ec = np.mean(wc * dy) / np.mean(wc)
        inf_t = (wt * dy - wt * et) / np.mean(wt)
        m2 = np.mean((wc * (dy - ec))[:, None] * X, axis=0)
        inf_c = ((wc * dy - wc * ec) + alr_ps @ m2) / np.mean(wc)
        return et - ec, inf_t - inf_c
    r = dy - od
    et = np.mean(wt * r) / np.mean(wt)
    ec = np.mean(wc * r) / np.mean(wc)
    inf_t = ((wt * r - wt * et) - alr_ols @ np.mean(wt[:, None] * X, axis=0)) / np.mean(wt)
    m2 = np.mean((wc * (r - ec))[:, None] * X, axis=0)
    inf_c = ((wc * r - wc * ec) + alr_ps @ m2 - alr_ols @ np.mean(wc[:, None] * X, axis=0)) / np.mean(wc)
    return et - ec, inf_t - inf_c

def att_gt(g, y, x, method, control, periods):
    n = len(g)
    X = np.column_stack([np.ones(n), x]) if x is not None else np.ones((n, 1))
    out = []
    for gg in sorted(set(g) - {0}):
        gi = max(i for i, p in enumerate(periods) if p < gg)
        for t in range(1, len(periods)):
            b = gi if periods[t] >= gg else t - 1
            latest = max(periods[t], periods[b])
            treated = g == gg
            ctrl = (g == 0) | ((control == "nyt") & (g > latest) & (g != gg))
            keep = treated | ctrl
            att, inf = two_by_two((y[keep, t] - y[keep, b]), treated[keep].astype(float), X[keep], method)
            psi = np.zeros(n)
            psi[keep] = inf * n / keep.sum()
            out.append((gg, periods[t], att, psi))
    return out

def pretest(cells, n):
    pre = [c for c in cells if c[1] < c[0]]
    a = np.array([c[2] for c in pre])
    P = np.column_stack([c[3] for c in pre])
    V = P.T @ P / n
    return n * a @ np.linalg.solve(V, a), len(pre)

if __name__ == "__main__":
    ids, g, y, x = load(sys.argv[1], sys.argv[2])
    periods = [2003, 2004, 2005, 2006, 2007]
    n = len(g)
    for control in ("nev", "nyt"):
        for method in ("dr", "reg", "ipw"):
            cells = att_gt(g, y, x, method, control, periods)
            W, df = pretest(cells, n)
            print(f"# {method} {control} lpop  pretest W={float(W)!r} df={df}")
            for gg, t, att, psi in cells:
                print(f"{{{gg}, {t}, {float(att)!r}, {float(np.sqrt(np.sum(psi**2)) / n)!r}}},")
    cells = att_gt(g, y, None, "dr", "nev", periods)
    W, df = pretest(cells, n)
    print(f"# no covariates pretest W={float(W)!r} df={df}")
