// App shell: sign-in, navigation by role, hash routing to the views.
import { api, ApiError, setUnauthorizedHandler } from './api.js';
import { session } from './session.js';
import { h, clear, failure, loading } from './ui.js';
import { destroyCharts } from './charts.js';
import { routed } from './state.js';
import { loadLabels, resetLabels } from './labels.js';

const ROLE_LABELS = { ADMIN: 'Administrator', RTI_ASSESSOR: 'RTI assessor', FIRM_USER: 'Firm', AGENCY_ANALYST: 'Agency analyst' };

// Each view: path pattern, who may open it, where it sits in the navigation (one group, or one per role), and its
// module. The first pattern that matches wins, so '/programmes/new' comes before '/programmes/:id'.
const ROUTES = [
  { path: '/agency/uptake', title: 'Programme uptake', group: 'Agency', roles: ['ADMIN', 'AGENCY_ANALYST'], module: './views/uptake.js' },
  { path: '/agency/diffusion', title: 'Technology diffusion', group: 'Agency', roles: ['ADMIN', 'AGENCY_ANALYST'], module: './views/diffusion.js' },
  { path: '/agency/typology', title: 'District typology', group: 'Agency', roles: ['ADMIN', 'AGENCY_ANALYST'], module: './views/typology.js' },
  { path: '/agency/effect', title: 'Programme effect', group: 'Agency', roles: ['ADMIN', 'AGENCY_ANALYST'], module: './views/effect.js' },
  // an administrator exports any region from Imports and exports
  { path: '/agency/region-archive', title: 'Region archive', group: 'Agency', roles: ['AGENCY_ANALYST'], module: './views/region-archive.js' },
  { path: '/rti/worklist', title: 'Worklist', group: 'RTI workbench', roles: ['ADMIN', 'RTI_ASSESSOR'], module: './views/worklist.js' },
  { path: '/rti/firms', title: 'Firm search', group: 'RTI workbench', roles: ['ADMIN', 'RTI_ASSESSOR'], module: './views/firm-search.js' },
  { path: '/rti/assessments', title: 'Assessments', group: 'RTI workbench', roles: ['ADMIN', 'RTI_ASSESSOR'], module: './views/assessments.js' },
  // an administrator imports campaigns from Imports and exports
  { path: '/rti/imports', title: 'Import a campaign', group: 'RTI workbench', roles: ['RTI_ASSESSOR'], module: './views/campaign-import.js' },
  { path: '/rti/plants', title: 'Pilot plants', group: 'RTI workbench', roles: ['ADMIN', 'RTI_ASSESSOR'], module: './views/plants.js' },
  // an agency's programmes sit with its other agency work; an assessor's with its workbench (it enrols firms there)
  { path: '/programmes', title: 'Programmes', group: { ADMIN: 'Agency', AGENCY_ANALYST: 'Agency', RTI_ASSESSOR: 'RTI workbench' },
    roles: ['ADMIN', 'AGENCY_ANALYST', 'RTI_ASSESSOR'], module: './views/programmes.js' },
  { path: '/programmes/new', title: 'New programme', roles: ['ADMIN', 'AGENCY_ANALYST'], module: './views/programme-form.js' },
  { path: '/programmes/:id/edit', title: 'Change programme', roles: ['ADMIN', 'AGENCY_ANALYST'], module: './views/programme-form.js' },
  { path: '/programmes/:id', title: 'Programme', roles: ['ADMIN', 'AGENCY_ANALYST', 'RTI_ASSESSOR'], module: './views/programme.js' },
  // Dead letters are raw payloads of no known firm: administrators only (docs/security.md).
  { path: '/rti/dead-letters', title: 'Dead letters', group: 'RTI workbench', roles: ['ADMIN'], module: './views/dead-letters.js' },
  { path: '/admin/users', title: 'Users', group: 'Administration', roles: ['ADMIN'], module: './views/admin-users.js' },
  { path: '/admin/imports', title: 'Imports and exports', group: 'Administration', roles: ['ADMIN'], module: './views/admin-imports.js' },
  { path: '/admin/models', title: 'Assessment models', group: 'Administration', roles: ['ADMIN'], module: './views/admin-models.js' },
  { path: '/admin/audit', title: 'Audit log', group: 'Administration', roles: ['ADMIN'], module: './views/admin-audit.js' },
  { path: '/firm', title: 'My firm', group: 'My firm', roles: ['FIRM_USER'], module: './views/firm.js', own: true },
  { path: '/firm/self-assessment', title: 'Self-assessment', group: 'My firm', roles: ['FIRM_USER'], module: './views/self-assessment.js' },
  { path: '/firms/:id', title: 'Firm report', roles: ['ADMIN', 'RTI_ASSESSOR', 'FIRM_USER'], module: './views/firm.js' },
  // also the link of the user's name in the top bar
  { path: '/account', title: 'My account', group: 'Account', roles: ['ADMIN', 'RTI_ASSESSOR', 'FIRM_USER', 'AGENCY_ANALYST'], module: './views/account.js' },
];

const HOME = { ADMIN: '/agency/uptake', AGENCY_ANALYST: '/agency/uptake', RTI_ASSESSOR: '/rti/worklist', FIRM_USER: '/firm' };

const $ = (id) => document.getElementById(id);
let current = { controller: null, cleanups: [] };
// The open view's question before it is left (unsaved work), or null: see ctx.guardLeave.
let leaveGuard = null;

function match(path) {
  for (const route of ROUTES) {
    const names = [];
    const re = new RegExp(`^${route.path.replace(/:(\w+)/g, (_, n) => { names.push(n); return '([^/]+)'; })}$`);
    const m = re.exec(path);
    if (m) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

function currentPath() {
  const hash = location.hash.replace(/^#/, '');
  return hash.split('?')[0] || '/';
}

function showLogin(notice) {
  $('view').hidden = true;
  $('nav').hidden = true;
  $('user-box').hidden = true;
  $('menu-toggle').hidden = true;
  $('login-view').hidden = false;
  $('login-notice').hidden = !notice;
  $('login-notice').textContent = notice || '';
  $('login-title').textContent = 'Sign in';
  $('login-form').hidden = false;
  $('password-form').hidden = true;
  document.title = 'Sign in · i4-tracker';
  $('login-username').focus();
}

function buildNav(user) {
  const nav = $('nav');
  const groups = new Map();
  for (const r of ROUTES.filter((x) => x.group && x.roles.includes(user.role))) {
    // a route may sit in a different group for each role
    const group = typeof r.group === 'string' ? r.group : r.group[user.role];
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(r);
  }
  clear(nav, [...groups].map(([group, routes]) => {
    const headingId = `nav-${group.toLowerCase().replace(/\W+/g, '-')}`;
    return [h('h2', { id: headingId, text: group }),
      h('ul', { 'aria-labelledby': headingId }, routes.map((r) => h('li', {},
        h('a', { href: `#${r.path}`, 'data-route': r.path, text: r.title }))))];
  }));
  nav.hidden = false;
}

function markCurrent(path) {
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.route === path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  const user = session.user();
  if (!user) {
    showLogin();
    return;
  }
  $('login-view').hidden = true;
  $('view').hidden = false;
  routed.hash = location.hash;
  let path = currentPath();
  if (path === '/') {
    location.replace(`#${HOME[user.role] || '/agency/uptake'}`);
    return;
  }
  current.controller?.abort();
  current.cleanups.forEach((fn) => fn());
  destroyCharts();
  current = { controller: new AbortController(), cleanups: [] };
  leaveGuard = null;
  const view = $('view');
  const found = match(path);
  markCurrent(path);
  collapseMenuOnPhone();
  if (!found) {
    clear(view, failure(new Error(`There is no page at ${path}.`)));
    return;
  }
  if (!found.route.roles.includes(user.role)) {
    clear(view, failure(new ApiError(403, { detail: `the ${ROLE_LABELS[user.role]} role does not include “${found.route.title}”` })));
    return;
  }
  document.title = `${found.route.title} · i4-tracker`;
  clear(view, loading());
  try {
    const [module] = await Promise.all([import(found.route.module), loadLabels()]);
    const params = found.route.own ? { id: String(user.firmId) } : found.params;
    const ctx = {
      user, params, signal: current.controller.signal,
      onLeave: (fn) => current.cleanups.push(fn),
      signOut: (notice) => logout(notice),
      // fn() returns a question when leaving would lose work (asked before another page opens or the tab closes)
      guardLeave: (fn) => { leaveGuard = fn; },
      query: new URLSearchParams(location.hash.split('?')[1] || ''),
    };
    clear(view);
    await module.render(view, ctx);
  } catch (e) {
    if (e?.name !== 'AbortError') clear(view, failure(e, route));
  }
}

async function login(event) {
  event.preventDefault();
  const username = $('login-username').value.trim();
  const password = $('login-password').value;
  const error = $('login-error');
  error.hidden = true;
  for (const input of [$('login-username'), $('login-password')]) input.removeAttribute('aria-invalid');
  if (!username || !password) {
    error.textContent = !username ? 'Enter your username.' : 'Enter your password.';
    error.hidden = false;
    (!username ? $('login-username') : $('login-password')).setAttribute('aria-invalid', 'true');
    return;
  }
  const button = $('login-submit');
  button.disabled = true;
  button.textContent = 'Signing in…';
  try {
    await signIn(username, password);
  } catch (e) {
    session.clear();
    error.textContent = e instanceof ApiError && e.status === 401
      ? 'Wrong username or password (or the account is locked after repeated failures).'
      : e.message;
    error.hidden = false;
    $('login-password').setAttribute('aria-invalid', 'true');
    $('login-password').select();
  } finally {
    button.disabled = false;
    button.textContent = 'Sign in';
  }
}

let pendingLogin = null;

/** Logs in; a user whose password its inviter chose is asked for its own first (the API refuses it everything else). */
async function signIn(username, password) {
  const tokens = await api('/login', { method: 'POST', body: { username, password }, auth: false });
  session.save(tokens.access_token, tokens.refresh_token, null);
  const me = await api('/api/v1/users/me');
  $('login-password').value = '';
  if (me.passwordTemporary) {
    pendingLogin = { username, password };
    $('login-title').textContent = 'Choose your password';
    $('login-form').hidden = true;
    $('password-form').hidden = false;
    document.title = 'Choose your password · i4-tracker';
    $('password-new').focus();
    return;
  }
  session.save(tokens.access_token, tokens.refresh_token, me);
  const place = session.takePlace(me.username);
  if (place && place !== location.hash) history.replaceState(null, '', place);
  start();
}

async function setOwnPassword(event) {
  event.preventDefault();
  const error = $('login-error');
  error.hidden = true;
  const fresh = $('password-new').value;
  const again = $('password-repeat').value;
  for (const input of [$('password-new'), $('password-repeat')]) input.removeAttribute('aria-invalid');
  const problem = !fresh ? ['password-new', 'Enter a new password.']
    : fresh !== again ? ['password-repeat', 'The two new passwords differ.'] : null;
  if (problem) {
    error.textContent = problem[1];
    error.hidden = false;
    $(problem[0]).setAttribute('aria-invalid', 'true');
    return;
  }
  const button = $('password-submit');
  button.disabled = true;
  try {
    await api('/api/v1/users/me/password', { method: 'PUT', body: { currentPassword: pendingLogin.password, newPassword: fresh } });
    // the change ended every session of the user: sign in again with the new password
    session.clear();
    const { username } = pendingLogin;
    pendingLogin = null;
    $('password-new').value = '';
    $('password-repeat').value = '';
    try {
      await signIn(username, fresh);
    } catch {
      showLogin('Your password is set. Sign in with it.');
      $('login-username').value = username;
    }
  } catch (e) {
    const field = e instanceof ApiError ? e.fieldErrors.find((f) => f.field === 'newPassword') : null;
    error.textContent = field ? `New password: ${field.message}.` : e.message;
    error.hidden = false;
    $('password-new').setAttribute('aria-invalid', 'true');
  } finally {
    button.disabled = false;
  }
}

function logout(notice) {
  current.controller?.abort();
  destroyCharts();
  session.clear();
  resetLabels();
  routed.hash = null;
  history.replaceState(null, '', location.pathname);
  showLogin(notice);
}

function collapseMenuOnPhone() {
  if (window.matchMedia('(max-width: 760px)').matches) {
    $('nav').classList.add('collapsed');
    $('menu-toggle').setAttribute('aria-expanded', 'false');
  }
}

function start() {
  const user = session.user();
  if (!user) {
    showLogin();
    return;
  }
  $('user-name').textContent = user.username;
  $('user-role').textContent = ROLE_LABELS[user.role] || user.role;
  $('user-box').hidden = false;
  $('menu-toggle').hidden = false;
  buildNav(user);
  route();
  $('main').focus();
}

$('login-form').addEventListener('submit', login);
$('password-form').addEventListener('submit', setOwnPassword);
$('logout').addEventListener('click', () => logout('You have signed out.'));
$('menu-toggle').addEventListener('click', () => {
  const collapsed = $('nav').classList.toggle('collapsed');
  $('menu-toggle').setAttribute('aria-expanded', String(!collapsed));
});
// A link or typed address fires hashchange, Back/Forward over pushed states fires popstate: route once per new address.
function onAddressChange() {
  if (location.hash === routed.hash) return;
  const question = leaveGuard?.();
  if (question && !window.confirm(question)) {
    // stay: the address goes back to the page with the unsaved work
    history.replaceState(null, '', routed.hash || location.pathname);
    return;
  }
  route();
  if (session.user()) $('main').focus({ preventScroll: true });
}
window.addEventListener('hashchange', onAddressChange);
window.addEventListener('beforeunload', (e) => {
  if (session.user() && leaveGuard?.()) e.preventDefault();
});
window.addEventListener('popstate', onAddressChange);
// The session ended while the user worked (token expired and not renewable, or revoked): keep their place for after sign-in.
setUnauthorizedHandler(() => {
  const user = session.user();
  if (!user) return;
  session.rememberPlace(location.hash, user.username);
  logout('Your session has ended. Please sign in again; you will return to where you were.');
});
start();
