// Shared by the example apps. The session (token and user, never the password) is kept per tab in
// sessionStorage: a reload stays signed in, and a second tab can sign in as someone else.

const key = (apiUrl: string) => `chatcube-example:session:${apiUrl}`;

/** The saved session of this tab, or null. */
export function loadSavedSession<T>(apiUrl: string): T | null {
  try {
    const raw = sessionStorage.getItem(key(apiUrl));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** Remembers (or, with null, forgets) the session. */
export function saveSession<T>(apiUrl: string, session: T | null): void {
  if (session) sessionStorage.setItem(key(apiUrl), JSON.stringify(session));
  else sessionStorage.removeItem(key(apiUrl));
}
