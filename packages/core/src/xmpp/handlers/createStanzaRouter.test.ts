import { describe, expect, it } from "@jest/globals";
import xml from "@xmpp/xml";
import { Subject } from "rxjs";
import type { ChatError } from "../../errors/ChatError.js";
import { createStanzaRouter } from "./createStanzaRouter.js";

describe("createStanzaRouter", () => {
  it("hands each stanza only to the handlers of its kind, in registration order", () => {
    const stanza$ = new Subject<ReturnType<typeof xml>>();
    const router = createStanzaRouter({ stanza$, reportError: () => {} });
    const seen: string[] = [];
    router.on("message", (s) => seen.push(`m1:${s.attrs.id}`));
    router.on("presence", (s) => seen.push(`p:${s.attrs.id}`));
    const off = router.on("message", (s) => seen.push(`m2:${s.attrs.id}`));
    stanza$.next(xml("message", { id: "a" }));
    stanza$.next(xml("presence", { id: "b" }));
    stanza$.next(xml("iq", { id: "c", type: "result" }));
    off();
    stanza$.next(xml("message", { id: "d" }));
    expect(seen).toEqual(["m1:a", "m2:a", "p:b", "m1:d"]);
  });

  it("reports a throwing handler and still calls the next one", () => {
    const stanza$ = new Subject<ReturnType<typeof xml>>();
    const errors: ChatError[] = [];
    const router = createStanzaRouter({ stanza$, reportError: (e) => errors.push(e) });
    const seen: string[] = [];
    router.on("presence", () => {
      throw new Error("boom");
    });
    router.on("presence", () => seen.push("second"));
    stanza$.next(xml("presence", {}));
    expect(seen).toEqual(["second"]);
    expect(errors.map((e) => e.message)).toEqual(["boom"]);
  });

  it("stops listening on dispose", () => {
    const stanza$ = new Subject<ReturnType<typeof xml>>();
    const router = createStanzaRouter({ stanza$, reportError: () => {} });
    const seen: string[] = [];
    router.on("message", () => seen.push("m"));
    router.dispose();
    stanza$.next(xml("message", {}));
    expect(seen).toEqual([]);
    expect(stanza$.observed).toBe(false);
  });
});
