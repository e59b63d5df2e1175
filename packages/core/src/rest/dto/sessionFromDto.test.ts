import { wireUser } from "@chatcube/test-utils/core/wireFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { sessionFromDto } from "./sessionFromDto.js";

describe("sessionFromDto", () => {
  it("maps a user session with its embedded user", () => {
    const result = sessionFromDto({ session: { token: "T", user_id: 7, user: wireUser(7) } });
    expect(result).toMatchObject({ ok: true, value: { token: "T", userId: 7, user: { id: 7, login: "user7" } } });
  });

  it("an application session (user_id 0 or null) has no user", () => {
    expect(sessionFromDto({ session: { token: "T", user_id: 0 } })).toEqual({
      ok: true,
      value: { token: "T", userId: null, user: null },
    });
    expect(sessionFromDto({ session: { token: "T", user_id: null } })).toEqual({
      ok: true,
      value: { token: "T", userId: null, user: null },
    });
  });

  it("rejects a missing envelope or token, a mistyped user_id, a bad or mismatched user", () => {
    for (const body of [
      undefined,
      { token: "T" },
      { session: { user_id: 1 } },
      { session: { token: "", user_id: 1 } },
      { session: { token: "T", user_id: "x" } },
      { session: { token: "T", user_id: 1, user: { id: "one" } } },
      { session: { token: "T", user_id: 1, user: wireUser(2) } },
    ]) {
      const result = sessionFromDto(body);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe("protocol");
    }
  });
});
