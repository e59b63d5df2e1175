import { describe, expect, it } from "@jest/globals";
import * as core from "./index.js";

describe("@chatcube/core public surface", () => {
  it("imports in a DOM-less runtime (SSR) and touches no browser global", () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
    expect(typeof (globalThis as { document?: unknown }).document).toBe("undefined");
    expect(typeof core.createStore).toBe("function");
  });

  it("exports the client, the bridge, time, errors and model, and no wire-level helpers", () => {
    expect(Object.keys(core).sort()).toEqual([
      "CHAT_ERROR_CODES",
      "ChatError",
      "DEFAULT_CACHE_CAPS",
      "DEFAULT_KEEP_ALIVE_MS",
      "DIALOG_EVENTS",
      "DialogType",
      "createChatClient",
      "createIndexedDbPersistence",
      "createKeyedReadables",
      "createManualClock",
      "createMemoryPersistence",
      "createReadable",
      "createStore",
      "createTypingInput",
      "isChatError",
      "isDialogType",
      "isObjectId",
      "isSessionExpired",
      "objectId",
      "objectIdTime",
      "readableOf",
      "referenceEqual",
      "select",
      "selectByKey",
      "shallowEqual",
      "systemClock",
      "toChatError",
    ]);
  });
});
