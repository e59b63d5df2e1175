import { describe, expect, it } from "@jest/globals";
import type { ConnectionState } from "../connection/ConnectionState.js";
import { createStore } from "../reactive/createStore.js";
import { createShownConnection } from "./createShownConnection.js";

const state = (status: ConnectionState["status"], since = 0): ConnectionState => ({
  status,
  since,
  attempt: 0,
  lastError: null,
});

describe("createShownConnection", () => {
  it("shows this tab's own connection unless it follows; a follower shows the leader's, reconnecting while silent", () => {
    const own = createStore(state("idle"));
    const role = createStore<"leader" | "follower">("leader");
    const shown = createShownConnection(own, role, () => role.get() === "follower");
    own.set(state("online", 5));
    expect(shown.shown.get().status).toBe("online");
    role.set("follower");
    own.set(state("idle", 6)); // a follower does not connect
    expect(shown.shown.get().status).toBe("idle"); // nothing heard of the leader yet
    shown.heard(state("online", 7));
    expect(shown.shown.get()).toEqual(state("online", 7));
    shown.silentSince(9);
    expect(shown.shown.get()).toMatchObject({ status: "reconnecting", since: 9, lastError: { code: "network" } });
    shown.silentSince(null);
    expect(shown.shown.get().status).toBe("online");
    role.set("leader"); // it leads now: its own again
    expect(shown.shown.get()).toEqual(state("idle", 6));
    shown.dispose();
    own.set(state("online", 10));
    expect(shown.shown.get().status).toBe("idle"); // no longer watching
  });
});
