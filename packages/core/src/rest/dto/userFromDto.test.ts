import { describe, expect, it } from "@jest/globals";
import { userFromDto } from "./userFromDto.js";

const wire = {
  id: 202,
  login: "bob",
  email: null,
  full_name: "Bob B.",
  phone: null,
  website: null,
  created_at: "2023-11-14T22:13:20.000Z",
  updated_at: "2023-11-14T22:13:20.000Z",
  last_request_at: null,
  external_user_id: 77,
  external_id: null,
  facebook_id: null,
  twitter_id: null,
  custom_data: '{"color":"green"}',
  blob_id: null,
  avatar: "https://example.invalid/bob.png",
  user_tags: "friends, hikers",
  timezone: 2,
};

describe("userFromDto", () => {
  it("given a user DTO, we get the domain user", () => {
    expect(userFromDto(wire)).toEqual({
      ok: true,
      value: {
        id: 202,
        login: "bob",
        email: null,
        fullName: "Bob B.",
        phone: null,
        website: null,
        avatar: "https://example.invalid/bob.png",
        customData: '{"color":"green"}',
        tags: ["friends", "hikers"],
        externalId: "77",
        timezone: 2,
        isGuest: false,
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_000_000,
        lastRequestAt: null,
      },
    });
  });

  it("unwraps the {user: …} envelope and reads guests and tag arrays", () => {
    const result = userFromDto({ user: { ...wire, user_tags: ["a", "b"], is_guest: true } });
    expect(result.ok && result.value.tags).toEqual(["a", "b"]);
    expect(result.ok && result.value.isGuest).toBe(true);
  });

  it("given a user without id, or with a text id, we get a protocol error", () => {
    const { id, ...rest } = wire;
    const missing = userFromDto(rest);
    expect(!missing.ok && missing.error.details?.problems).toEqual(["id is missing"]);
    const text = userFromDto({ ...wire, id: "bob" });
    expect(!text.ok && text.error.details?.problems).toEqual(["id is not a user id"]);
    expect(userFromDto({ ...wire, id: "202" }).ok).toBe(true);
    expect(userFromDto("bob").ok).toBe(false);
  });
});
