import { describe, expect, it } from "@jest/globals";
import { CHAT_ERROR_CODES, ChatError, isChatError } from "./ChatError.js";
import { err, ok } from "./result.js";

describe("ChatError", () => {
  it("is an Error with a code a program can switch on, and optional facts", () => {
    const cause = new Error("socket closed");
    const error = new ChatError("blocked", "the recipient blocked you", {
      condition: "service-unavailable",
      details: { legacyCode: 503 },
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ChatError");
    expect(error.code).toBe("blocked");
    expect(error.message).toBe("the recipient blocked you");
    expect(error.condition).toBe("service-unavailable");
    expect(error.status).toBeUndefined();
    expect(error.details).toEqual({ legacyCode: 503 });
    expect(error.cause).toBe(cause);
  });

  it("tells transient errors (worth retrying) from permanent ones", () => {
    expect(new ChatError("network", "x").transient).toBe(true);
    expect(new ChatError("timeout", "x").transient).toBe(true);
    expect(new ChatError("server", "x", { status: 503 }).transient).toBe(true);
    expect(new ChatError("validation", "x", { status: 429 }).transient).toBe(true);
    expect(new ChatError("blocked", "x").transient).toBe(false);
    expect(new ChatError("forbidden", "x", { status: 403 }).transient).toBe(false);
  });

  it("round-trips through its plain JSON form (for IndexedDB)", () => {
    const error = new ChatError("validation", "name is too long", {
      status: 422,
      details: { fields: { name: ["is too long"] } },
    });
    const json = structuredClone(error.toJSON());
    expect(json).toEqual({
      code: "validation",
      message: "name is too long",
      status: 422,
      details: { fields: { name: ["is too long"] } },
    });
    const back = ChatError.fromJSON(json);
    expect(back).toBeInstanceOf(ChatError);
    expect(back.code).toBe("validation");
    expect(back.status).toBe(422);
    expect(back.details).toEqual(error.details);
    expect(JSON.parse(JSON.stringify(new ChatError("timeout", "slow")))).toEqual({ code: "timeout", message: "slow" });
  });

  it("restores an unknown persisted code as protocol", () => {
    expect(ChatError.fromJSON({ code: "gremlins" as never, message: "?" }).code).toBe("protocol");
  });

  it("lists every code once", () => {
    expect(new Set(CHAT_ERROR_CODES).size).toBe(12);
  });
});

describe("isChatError", () => {
  it("recognises ChatErrors, optionally of some codes", () => {
    const error = new ChatError("timeout", "slow");
    expect(isChatError(error)).toBe(true);
    expect(isChatError(error, "timeout", "network")).toBe(true);
    expect(isChatError(error, "blocked")).toBe(false);
    expect(isChatError(new Error("plain"))).toBe(false);
    expect(isChatError({ code: "timeout" })).toBe(false);
  });
});

describe("Result", () => {
  it("wraps values and errors", () => {
    expect(ok(1)).toEqual({ ok: true, value: 1 });
    const error = new ChatError("protocol", "bad");
    expect(err(error)).toEqual({ ok: false, error });
  });
});
