import { useChatClient } from "@chatcube/react";
import { type FormEvent, useState } from "react";
import { errorText } from "../../../shared/errorText";

const DEMO_USERS = ["alice", "bob", "carol", "dave"];

/**
 * The sign-in form, with one-click demo users. `expiredLogin` is set when the session expired: the form says so and
 * has that login filled in.
 */
export function SignIn({ notice, expiredLogin = null }: { notice: string | null; expiredLogin?: string | null }) {
  const client = useChatClient();
  const [login, setLogin] = useState(expiredLogin ?? "");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signIn(name: string, secret: string) {
    setBusy(true);
    setError(null);
    try {
      await client.auth.login({ login: name, password: secret });
    } catch (cause) {
      setError(errorText(cause, "sign-in"));
      setBusy(false);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn(login.trim(), password);
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} aria-label="Sign in">
        <h1>
          <span className="logo">◆</span> chatcube
        </h1>
        <p className="muted">Offline-first chat on ConnectyCube — React example</p>
        {expiredLogin !== null && (
          <p className="notice" role="status">
            Your session has expired. Sign in again to carry on: the messages waiting to be sent are kept.
          </p>
        )}
        {notice && <p className="notice">Your previous session could not be reopened. {notice}</p>}
        <label>
          Login
          <input
            name="login"
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            autoComplete="username"
            autoFocus={expiredLogin === null}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            autoFocus={expiredLogin !== null}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || !login.trim() || !password}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
        <div className="demo-users">
          <span className="muted">Demo users (password “password”):</span>
          {DEMO_USERS.map((name) => (
            <button
              key={name}
              type="button"
              disabled={busy}
              onClick={() => void signIn(name, "password")}
              data-testid={`demo-${name}`}
            >
              {name}
            </button>
          ))}
        </div>
      </form>
    </main>
  );
}
