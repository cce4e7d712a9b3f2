// State in the address: a view keeps its filters and selections in the query of the hash route
// (#/rti/firms?q=shoe&page=2), so that reload, Back and a shared link show the same thing.
// Writing the state does not re-render the view; Back and Forward do (the router listens to them).

/** The query of the current hash route. */
export function readState() {
  return new URLSearchParams(location.hash.split('?')[1] || '');
}

/**
 * Replaces the query of the current hash route with the non-empty values of `params`. `push` makes a new history
 * entry (a new search, a new selection: Back returns to the previous one); otherwise the current entry is replaced
 * (a detail such as a chart option).
 */
export function writeState(params, { push = false, signal = null } = {}) {
  // a view that has been left (its signal aborted) must not write its settings onto the next view's address
  if (signal?.aborted) return;
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const hash = `#${path}${q.toString() ? `?${q}` : ''}`;
  if (hash === location.hash) return;
  if (push) history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
  routed.hash = location.hash;
}

/** The hash the router last rendered or a view last wrote; the router re-renders only when the address differs. */
export const routed = { hash: null };
