import { describe, expect, it } from "@jest/globals";
import { ChatError } from "../../errors/ChatError.js";
import { usersByIdsQuery } from "./userRequests.js";

describe("usersByIdsQuery", () => {
  it("repeats ids users-v2 style, with a limit covering them", () => {
    expect(usersByIdsQuery([202, 303])).toBe("id[in][]=202&id[in][]=303&limit=2");
    expect(usersByIdsQuery([1], { limit: 10 })).toBe("id[in][]=1&limit=10");
  });

  it("throws a validation ChatError for no ids", () => {
    expect(() => usersByIdsQuery([])).toThrow(ChatError);
  });
});
