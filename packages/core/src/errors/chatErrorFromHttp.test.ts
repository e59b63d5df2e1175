import { describe, expect, it } from "@jest/globals";
import { ChatError } from "./ChatError.js";
import { chatErrorFromHttp, codeForHttpStatus } from "./chatErrorFromHttp.js";
import { isSessionExpired } from "./isSessionExpired.js";

describe("chatErrorFromHttp", () => {
  it("given 401 'Required session does not exist', we get an expired-session unauthorized error", () => {
    const error = chatErrorFromHttp(401, { errors: { base: ["Required session does not exist"] } });
    expect(error.code).toBe("unauthorized");
    expect(error.status).toBe(401);
    expect(error.message).toBe("Required session does not exist");
    expect(error.details).toEqual({ messages: ["Required session does not exist"], sessionExpired: true });
    expect(isSessionExpired(error)).toBe(true);
  });

  it("given a 401 for bad credentials, the session is not called expired", () => {
    const error = chatErrorFromHttp(401, { errors: { base: ["Unauthorized"] } });
    expect(error.code).toBe("unauthorized");
    expect(isSessionExpired(error)).toBe(false);
  });

  it("given 422 field errors, we get a validation error listing the fields", () => {
    const error = chatErrorFromHttp(422, {
      errors: { login: ["has already been taken"], password: ["is too short", "is weak"] },
    });
    expect(error.code).toBe("validation");
    expect(error.details?.fields).toEqual({ login: ["has already been taken"], password: ["is too short", "is weak"] });
    expect(error.message).toBe("login has already been taken; password is too short, is weak");
  });

  it("reads the other body shapes: errors array, errors string, message, JSON text, plain text, nothing", () => {
    expect(chatErrorFromHttp(403, { errors: ["Forbidden. Need user."] }).message).toBe("Forbidden. Need user.");
    expect(chatErrorFromHttp(404, { errors: "Not found" }).message).toBe("Not found");
    expect(chatErrorFromHttp(500, { message: "boom" }).message).toBe("boom");
    expect(chatErrorFromHttp(404, '{"errors":{"base":["Dialog not found"]}}').message).toBe("Dialog not found");
    expect(chatErrorFromHttp(502, "<html>Bad Gateway</html>").message).toBe("<html>Bad Gateway</html>");
    const bare = chatErrorFromHttp(503);
    expect(bare.message).toBe("HTTP 503");
    expect(bare.details).toBeUndefined();
  });

  it("keeps the cause", () => {
    const cause = new Error("HTTPError");
    expect(chatErrorFromHttp(500, undefined, { cause }).cause).toBe(cause);
  });

  it("maps statuses to codes", () => {
    expect(
      [400, 401, 403, 404, 408, 409, 422, 429, 500, 503, 302].map((status) => [status, codeForHttpStatus(status)]),
    ).toEqual([
      [400, "validation"],
      [401, "unauthorized"],
      [403, "forbidden"],
      [404, "not-found"],
      [408, "timeout"],
      [409, "conflict"],
      [422, "validation"],
      [429, "server"],
      [500, "server"],
      [503, "server"],
      [302, "protocol"],
    ]);
    expect(chatErrorFromHttp(429, {}).transient).toBe(true);
  });

  it("isSessionExpired is false for anything but an expired-session ChatError", () => {
    expect(isSessionExpired(new Error("Required session does not exist"))).toBe(false);
    expect(isSessionExpired(new ChatError("unauthorized", "x"))).toBe(false);
  });
});
