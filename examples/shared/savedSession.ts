// Shared by the example apps. The session (token and user, never the password) is kept in localStorage, shared by
// the tabs of the browser profile: a reload stays signed in, and a second tab opens signed in as the same user and
// joins the others (one connection for all of them; docs/architecture.md, Tabs). Signing out in one tab signs out
// every tab.

const key = (apiUrl: string) => `chatcube-example:session:${apiUrl}`;

/** The saved session (shared by the tabs), or null. */
export function loadSavedSession<T>(apiUrl: string): T | null {
  try {
    const raw = localStorage.getItem(key(apiUrl));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** Remembers (or, with null, forgets) the session. */
export function saveSession<T>(apiUrl: string, session: T | null): void {
  if (session) localStorage.setItem(key(apiUrl), JSON.stringify(session));
  else localStorage.removeItem(key(apiUrl));
}
