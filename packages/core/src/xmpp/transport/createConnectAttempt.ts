import { ChatError } from "../../errors/ChatError.js";
import type { Clock } from "../../time/clock.js";
import type { ConnectResult, XmppCredentials } from "./XmppTransport.js";

/** How an attempt ended. */
type AttemptOutcome = { ok: true; result: ConnectResult } | { ok: false; error: ChatError };

/** One `connect()` attempt: settled once, by success, failure or its timer. */
export interface ConnectAttempt {
  /** The credentials it signs in with. */
  readonly credentials: XmppCredentials;
  /** Resolves with the result or rejects with the ChatError. */
  readonly promise: Promise<ConnectResult>;
  /** True once settled. */
  readonly settled: boolean;
  /** Online (bound or resumed). Ignored once settled. */
  succeed(result: ConnectResult): void;
  /** Failed. Ignored once settled. */
  fail(error: ChatError): void;
}

/** Options of `createConnectAttempt`. */
export interface ConnectAttemptOptions {
  credentials: XmppCredentials;
  clock: Clock;
  /** Fails the attempt with `timeout` when it is not settled by then. */
  timeoutMs: number;
  /** Called once when the attempt settles, before its promise settles. */
  onSettle(outcome: AttemptOutcome): void;
}

/** Creates an attempt and starts its timer. */
export function createConnectAttempt(options: ConnectAttemptOptions): ConnectAttempt {
  let settled = false;
  let resolve: (result: ConnectResult) => void = () => {};
  let reject: (error: ChatError) => void = () => {};
  const promise = new Promise<ConnectResult>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });

  const settle = (outcome: AttemptOutcome): void => {
    if (settled) return;
    settled = true;
    options.clock.clearTimeout(timer);
    options.onSettle(outcome);
    if (outcome.ok) resolve(outcome.result);
    else reject(outcome.error);
  };
  const timer = options.clock.setTimeout(
    () => settle({ ok: false, error: new ChatError("timeout", `Not online within ${options.timeoutMs} ms`) }),
    options.timeoutMs,
  );

  return {
    credentials: options.credentials,
    promise,
    get settled() {
      return settled;
    },
    succeed: (result) => settle({ ok: true, result }),
    fail: (error) => settle({ ok: false, error }),
  };
}
