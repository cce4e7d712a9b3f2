// The logged-in user's token and profile, kept in sessionStorage: gone when the tab closes.
// When a session ends while the user works, the place they were at is kept so that signing in again returns there.
const KEY = 'i4.session';
const RETURN_KEY = 'i4.returnTo';

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key)) || null;
  } catch {
    return null;
  }
}

export const session = {
  get() {
    return read(KEY);
  },
  token() {
    return this.get()?.accessToken ?? null;
  },
  refreshToken() {
    return this.get()?.refreshToken ?? null;
  },
  user() {
    return this.get()?.user ?? null;
  },
  save(accessToken, refreshToken, user) {
    sessionStorage.setItem(KEY, JSON.stringify({ accessToken, refreshToken, user }));
  },
  /** Replaces the tokens after a refresh, keeping the profile. */
  renew(accessToken, refreshToken) {
    const current = this.get();
    if (current) this.save(accessToken, refreshToken || current.refreshToken, current.user);
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
  /** Remembers where a user was when their session ended (the address after '#', and who they were). */
  rememberPlace(hash, username) {
    if (hash && username) sessionStorage.setItem(RETURN_KEY, JSON.stringify({ hash, username }));
  },
  /** The remembered place, once, if it belongs to the user who has just signed in. */
  takePlace(username) {
    const place = read(RETURN_KEY);
    sessionStorage.removeItem(RETURN_KEY);
    return place && place.username === username ? place.hash : null;
  },
};
