// Shared by the example apps (plain TypeScript): what went wrong, said for a person (what happened, what to do),
// instead of a raw "Unauthorized", "Failed to fetch" or a socket URL. Errors from core are ChatErrors with a `code`
// (packages/core/src/errors/ChatError.ts); anything else is treated as a network failure when it looks like one.

/** Where the error happened: the words differ (a 401 at sign-in is a wrong password, later an expired session). */
export type ErrorContext = "sign-in" | "send" | "load" | "action";

interface ErrorLike {
  code?: unknown;
  status?: unknown;
  message?: unknown;
}

/** A sentence or two a person understands, for an error from the chat client. */
export function errorText(error: unknown, context: ErrorContext = "action"): string {
  const { code, status, message } = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const raw = typeof message === "string" ? message : String(error);
  if (status === 413 || /larger than/i.test(raw)) return "The file is too large for the server. Choose a smaller file.";
  switch (code) {
    case "unauthorized":
      return context === "sign-in"
        ? "That login and password don't match. Check them and try again."
        : "Your session has ended. Sign in again to carry on.";
    case "network":
      return context === "sign-in"
        ? "Can't reach the chat server. Check your internet connection (or that the server is running), then try again."
        : "Can't reach the chat server right now. It will be tried again when the connection is back.";
    case "timeout":
      return "The chat server is taking too long to answer. Try again in a moment.";
    case "server":
      return "The chat server ran into a problem. Try again in a moment.";
    case "blocked":
      return "You can't message this person: one of you has blocked the other.";
    case "forbidden":
      return "You're not allowed to do that in this chat.";
    case "not-found":
      return "This no longer exists (it may have been deleted).";
    case "validation":
      return "The server didn't accept this. Check what you entered and try again.";
    case "storage":
      return "This browser couldn't save the chat data (private browsing or a full disk?).";
    case "cancelled":
      return "Cancelled.";
    case "conflict":
      return "Someone else changed this at the same time. Try again.";
  }
  if (/failed to fetch|networkerror|network request failed|load failed/i.test(raw))
    return errorText({ code: "network" }, context);
  return "Something went wrong. Try again in a moment.";
}

/** True when trying the same thing again can work (a network blip, a busy server), false for a refusal. */
export function canRetry(error: unknown): boolean {
  const { code, status } = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  if (status === 413 || status === 429) return status === 429;
  return code === undefined || code === "network" || code === "timeout" || code === "server" || code === "blocked";
}
