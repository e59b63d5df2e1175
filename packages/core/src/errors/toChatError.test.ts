import { describe, expect, it } from "@jest/globals";
import { ChatError } from "./ChatError.js";
import { toChatError } from "./toChatError.js";

describe("toChatError", () => {
  it("returns a ChatError as is", () => {
    const error = new ChatError("blocked", "x");
    expect(toChatError(error)).toBe(error);
  });

  it("maps aborts and timeouts to timeout", () => {
    const timeout = new Error("Request timed out");
    timeout.name = "TimeoutError";
    expect(toChatError(timeout).code).toBe("timeout");
    expect(toChatError(new DOMException("aborted", "AbortError")).code).toBe("timeout");
  });

  it("maps fetch's TypeError to network, keeping the cause", () => {
    const cause = new TypeError("fetch failed");
    const error = toChatError(cause, "server");
    expect(error.code).toBe("network");
    expect(error.cause).toBe(cause);
    expect(toChatError(new TypeError("Failed to fetch")).code).toBe("network");
  });

  it("uses the fallback for anything else", () => {
    expect(toChatError(new TypeError("x is not a function"), "protocol").code).toBe("protocol");
    expect(toChatError("boom", "storage").code).toBe("storage");
    expect(toChatError("boom").message).toBe("boom");
    expect(toChatError(42).message).toBe("Unknown error");
  });
});
