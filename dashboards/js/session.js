// The logged-in user's token and profile, kept in sessionStorage: gone when the tab closes.
const KEY = 'i4.session';

export const session = {
  get() {
    try {
      return JSON.parse(sessionStorage.getItem(KEY)) || null;
    } catch {
      return null;
    }
  },
  token() {
    return this.get()?.accessToken ?? null;
  },
  user() {
    return this.get()?.user ?? null;
  },
  save(accessToken, refreshToken, user) {
    sessionStorage.setItem(KEY, JSON.stringify({ accessToken, refreshToken, user }));
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
};
