// One fetch wrapper for the JSON API: adds the bearer token, turns Problem+JSON into ApiError.
import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** Field errors of a 400/422 Problem+JSON body, as [{field, message}]. */
  get fieldErrors() {
    return Array.isArray(this.problem?.errors) ? this.problem.errors : [];
  }
}

let onUnauthorized = () => {};

/** Called when a logged-in request answers 401 (token expired or revoked). */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

function describe(status, problem) {
  const detail = problem?.detail || problem?.message;
  switch (status) {
    case 400: return detail || 'The request was not valid.';
    case 401: return 'Your session has ended. Please sign in again.';
    case 403: return detail ? `Access denied: ${detail}.` : 'You do not have access to this page.';
    case 404: return detail || 'Not found.';
    case 409: return detail || 'Someone else changed this record; reload and try again.';
    case 422: return detail || 'The service cannot compute this with the data it has.';
    default: return status >= 500 ? 'The service had a problem answering. Try again in a moment.' : (detail || `Request failed (${status}).`);
  }
}

let refreshing = null;

/**
 * Trades the refresh token for a new access token once per expiry, shared by the requests that hit it at the same
 * time; false when there is none or the service refuses it (the session was revoked or ran out).
 */
function refresh() {
  const refreshToken = session.refreshToken();
  if (!refreshToken) return Promise.resolve(false);
  if (!refreshing) {
    refreshing = fetch('/oauth/access_token', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    }).then(async (r) => {
      if (!r.ok) return false;
      const tokens = await r.json();
      session.renew(tokens.access_token, tokens.refresh_token);
      return true;
    }).catch(() => false).finally(() => { refreshing = null; });
  }
  return refreshing;
}

/**
 * Calls the API. A 401 on a signed-in request first tries the refresh token and repeats the request once; when that
 * fails too, the unauthorized handler ends the session ("your session has ended") and the call rejects with 401.
 */
export async function api(path, options = {}) {
  try {
    return await send(path, options);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401 || options.auth === false || !session.token()) throw e;
    const sent = e.token;
    if (sent === session.token() && !(await refresh())) {
      onUnauthorized();
      throw e;
    }
    try {
      return await send(path, options);
    } catch (again) {
      if (again instanceof ApiError && again.status === 401) onUnauthorized();
      throw again;
    }
  }
}

async function send(path, { method = 'GET', body, signal, auth = true } = {}) {
  const headers = { Accept: 'application/json' };
  const token = auth ? session.token() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, null, 'The service cannot be reached. Check the connection and try again.');
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = null;
    }
    const error = new ApiError(response.status, problem, describe(response.status, problem));
    error.token = token;
    throw error;
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/**
 * For endpoints that other features are still building: null when the route does not exist yet (404)
 * or answers nothing, so views can show their empty state instead of an error.
 */
export async function apiIfAvailable(path, options) {
  try {
    return await api(path, options);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}

/** Items of a paged list ({items,…}) or of a plain array. */
export function itemsOf(body) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body.items)) return body.items;
  return [];
}

/** Builds a query string from the non-empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
