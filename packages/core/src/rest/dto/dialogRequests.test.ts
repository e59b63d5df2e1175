import { describe, expect, it } from "@jest/globals";
import { ChatError } from "../../errors/ChatError.js";
import { DialogType } from "../../model/dialog.js";
import { createDialogBody, deleteForm, dialogListQuery, updateDialogBody } from "./dialogRequests.js";

describe("dialogListQuery", () => {
  it("defaults to the first 100, newest activity first", () => {
    expect(dialogListQuery()).toBe("limit=100&skip=0&sort_desc=last_message_date_sent");
  });

  it("given a delta cursor in ms, asks for updated_at[gt] in whole seconds (floored, docs/protocol.md §16.7)", () => {
    expect(dialogListQuery({ updatedAfter: 1_700_000_000_999, limit: 50, skip: 50 })).toBe(
      "limit=50&skip=50&sort_desc=last_message_date_sent&updated_at[gt]=1700000000",
    );
  });

  it("filters by types and ids, and sorts as asked", () => {
    expect(
      dialogListQuery({
        types: [DialogType.PRIVATE, DialogType.GROUP],
        ids: ["65f000000000000000000002", "65f000000000000000000001"],
        sortBy: "updated_at",
        order: "asc",
      }),
    ).toBe(
      "_id[in]=65f000000000000000000001%2C65f000000000000000000002&limit=100&skip=0&sort_asc=updated_at&type[in]=2%2C3",
    );
  });
});

describe("createDialogBody", () => {
  it("given a group, we get the JSON body with arrays and snake_case", () => {
    expect(
      createDialogBody({
        type: DialogType.GROUP,
        occupantIds: [202, 303],
        name: "Weekend",
        adminIds: [202],
        extensions: { topic: "x" },
        allowPreview: false,
      }),
    ).toEqual({
      type: 2,
      occupants_ids: [202, 303],
      name: "Weekend",
      admins_ids: [202],
      extensions: { topic: "x" },
      permissions: { allow_preview: false },
    });
  });

  it("given a private dialog, we get just type and the peer", () => {
    expect(createDialogBody({ type: DialogType.PRIVATE, occupantIds: [202] })).toEqual({
      type: 3,
      occupants_ids: [202],
    });
  });

  it("throws a validation ChatError for input the server would refuse", () => {
    expect(() => createDialogBody({ type: DialogType.PRIVATE, occupantIds: [202, 303] })).toThrow(ChatError);
    expect(() => createDialogBody({ type: 7 as DialogType, occupantIds: [] })).toThrow("Unknown dialog type 7");
    expect(() => createDialogBody({ type: DialogType.GROUP, occupantIds: [1], adminIds: [1, 2, 3, 4, 5, 6] })).toThrow(
      expect.objectContaining({ code: "validation", message: "At most 5 admins" }),
    );
  });
});

describe("updateDialogBody", () => {
  it("sends only what changes; lists go to push_all / pull_all", () => {
    expect(
      updateDialogBody({
        name: "New",
        description: null,
        addOccupantIds: [404],
        removeOccupantIds: [303],
        pinMessageIds: ["m1"],
        removeAdminIds: [],
      }),
    ).toEqual({
      name: "New",
      description: null,
      push_all: { occupants_ids: [404], pinned_messages_ids: ["m1"] },
      pull_all: { occupants_ids: [303] },
    });
    expect(updateDialogBody({ extensions: null, allowPreview: true, photo: "p" })).toEqual({
      extensions: null,
      permissions: { allow_preview: true },
      photo: "p",
    });
    expect(updateDialogBody({ addAdminIds: [2], unpinMessageIds: ["m"], extensions: { a: "b" } })).toEqual({
      extensions: { a: "b" },
      push_all: { admins_ids: [2] },
      pull_all: { pinned_messages_ids: ["m"] },
    });
    expect(updateDialogBody({})).toEqual({});
  });
});

describe("deleteForm", () => {
  it("is force=1 for everyone, empty for me only", () => {
    expect(deleteForm(true)).toBe("force=1");
    expect(deleteForm(false)).toBe("");
  });
});
