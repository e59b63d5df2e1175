// jsdom lacks some Node globals that core's dependencies use at import time (TextEncoder,
// fake-indexeddb needs structuredClone): copy them in.
// Not MessageChannel: React's scheduler would then use Node's and jest would never exit.
import { TestEnvironment } from "jest-environment-jsdom";

const KEYS = [
  "TextEncoder",
  "TextDecoder",
  "structuredClone",
  "fetch",
  "Request",
  "Response",
  "Headers",
  "FormData",
  "Blob",
  "ReadableStream",
  "WritableStream",
  "TransformStream",
];

export default class ChatcubeJsdomEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const key of KEYS)
      if (this.global[key] === undefined && globalThis[key] !== undefined) this.global[key] = globalThis[key];
  }
}
