import { describe, expect, it } from "@jest/globals";
import { attachmentFromWire, attachmentToWire } from "./attachment.js";

describe("attachmentFromWire", () => {
  it("given XMPP attributes (all strings), we get typed camelCase fields and unknown keys in extra", () => {
    expect(
      attachmentFromWire({
        type: "image",
        uid: "a1b2c3",
        size: "2048",
        width: "640",
        height: "480",
        "content-type": "image/png",
        name: "cat.png",
        caption: "my cat",
      }),
    ).toEqual({
      type: "image",
      uid: "a1b2c3",
      size: 2048,
      width: 640,
      height: 480,
      contentType: "image/png",
      name: "cat.png",
      extra: { caption: "my cat" },
    });
  });

  it("given REST JSON (numbers, content_type), we get the same shape", () => {
    expect(
      attachmentFromWire({ type: "audio", id: 42, duration: 3.5, content_type: "audio/ogg", url: "http://x/y" }),
    ).toEqual({
      type: "audio",
      id: "42",
      duration: 3.5,
      contentType: "audio/ogg",
      url: "http://x/y",
    });
  });

  it("keeps a non-numeric size in extra, and skips null, objects and xmlns", () => {
    expect(attachmentFromWire({ size: "big", meta: { a: 1 }, data: null, xmlns: "jabber:client", uid: "u" })).toEqual({
      uid: "u",
      extra: { size: "big" },
    });
  });
});

describe("attachmentToWire", () => {
  it("writes string attributes with content-type", () => {
    expect(
      attachmentToWire({ type: "image", uid: "a1", size: 2048, contentType: "image/png", extra: { caption: "hi" } }),
    ).toEqual({
      caption: "hi",
      type: "image",
      uid: "a1",
      size: "2048",
      "content-type": "image/png",
    });
  });

  it("round-trips", () => {
    const attachment = { type: "video", uid: "v", duration: 12, width: 1, height: 2, name: "clip.mp4", data: "x%20y" };
    expect(attachmentFromWire(attachmentToWire(attachment))).toEqual(attachment);
  });
});
