import { describe, expect, it } from "@jest/globals";
import { blobFromDto, blobGrantFromDto } from "./blobFromDto.js";

describe("blob DTOs (docs/protocol.md §6)", () => {
  it("maps the create answer: the blob, and the upload URL without its query plus its fields in order", () => {
    const answer = {
      blob: {
        id: 7,
        uid: "abc",
        name: "a.png",
        content_type: "image/png",
        size: null,
        public: false,
        blob_object_access: {
          blob_id: 7,
          object_access_type: "Write",
          params: "http://s3.test/up?key=abc&Content-Type=image%2Fpng&success_action_status=201",
        },
      },
    };
    expect(blobGrantFromDto(answer)).toEqual({
      ok: true,
      value: {
        file: { id: 7, uid: "abc", name: "a.png", contentType: "image/png", size: null, public: false },
        uploadUrl: "http://s3.test/up",
        fields: [
          ["key", "abc"],
          ["Content-Type", "image/png"],
          ["success_action_status", "201"],
        ],
      },
    });
  });

  it("refuses a blob without uid or an upload grant without params", () => {
    expect(blobFromDto({ id: 1 }).ok).toBe(false);
    expect(blobGrantFromDto({ blob: { id: 1, uid: "u", blob_object_access: {} } }).ok).toBe(false);
    expect(blobFromDto({ blob: { id: "2", uid: "u", public: 1, size: "10" } })).toMatchObject({
      ok: true,
      value: { id: 2, public: true, size: 10 },
    });
  });
});
