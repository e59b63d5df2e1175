import { type ChatClient, createStore, select, shallowEqual } from "@chatcube/core";
import { aDialog, aMessage, createFakeClient, type FakeChat } from "@chatcube/test-utils";
import { describe, expect, it } from "@jest/globals";
import { fireEvent, render } from "@testing-library/svelte";
import { flushSync } from "svelte";
import { fromStore, get } from "svelte/store";
import Everything from "../test/components/Everything.svelte";
import Rows from "../test/components/Rows.svelte";
import Thread from "../test/components/Thread.svelte";
import { CHAT_CLIENT_KEY } from "./chatContext.js";
import { follow } from "./follow.js";
import { useReadable } from "./useReadable.js";

const withClient = (client: ChatClient) => new Map<unknown, unknown>([[CHAT_CLIENT_KEY, client]]);

function counter() {
  const counts: Record<string, number> = {};
  return { counts, seen: (what: string) => void (counts[what] = (counts[what] ?? 0) + 1) };
}

describe("Svelte stores over a fake client", () => {
  it("a component for dialog A does not update when dialog B changes", () => {
    const fake: FakeChat = createFakeClient();
    fake.dialogs.set({ A: aDialog("A"), B: aDialog("B") });
    const { counts, seen } = counter();
    const view = render(Rows, { props: { seen }, context: withClient(fake.client) });
    const before = { ...counts };
    fake.dialogs.update((all) => void ((all.B.name = "Bee"), (all.B.unreadCount = 3)));
    fake.windows("B").set({ ...fake.windows("B").get(), items: [aMessage("m1", "B", "hi")] });
    fake.typing("B").set([7]);
    flushSync();
    expect(counts["row A"]).toBe(before["row A"]);
    expect(counts["thread A"]).toBe(before["thread A"]);
    expect(counts["row B"]).toBeGreaterThan(before["row B"]);
    expect(counts["thread B"]).toBeGreaterThan(before["thread B"]);
    expect(view.container.textContent).toContain("Bee: 3");
    expect(view.container.textContent).toContain("hi (sent)");
    expect(view.getAllByText("someone is typing")).toHaveLength(1);
  });

  it("destroying a component releases every subscription", () => {
    const fake = createFakeClient();
    const view = render(Everything, { context: withClient(fake.client) });
    expect(view.container.querySelector("p")?.textContent).toBe("14");
    expect(fake.subscribers()).toBe(14);
    fake.auth.set({ status: "expired", user: null });
    flushSync();
    expect(view.getByTestId("auth").textContent).toBe("expired");
    view.unmount();
    expect(fake.subscribers()).toBe(0);
  });

  it("a getter id follows the prop: the subscription moves, and typing stops in the old dialog", async () => {
    const fake = createFakeClient();
    fake.windows("B").set({ ...fake.windows("B").get(), items: [aMessage("m2", "B", "in B")] });
    const view = render(Thread, { props: { id: "A" }, context: withClient(fake.client) });
    await fireEvent.input(view.getByLabelText("composer"), { target: { value: "h" } });
    await view.rerender({ id: "B" });
    expect(view.getByTestId("messages").textContent).toBe("in B (sent)");
    expect(fake.subscribers()).toBe(2);
    await fireEvent.input(view.getByLabelText("composer"), { target: { value: "" } });
    await fireEvent.input(view.getByLabelText("composer"), { target: { value: "x" } });
    await fireEvent.blur(view.getByLabelText("composer"));
    view.unmount();
    expect(fake.calls).toEqual(["typing.start A", "typing.stop A", "typing.start B", "typing.stop B"]);
    expect(fake.subscribers()).toBe(0);
  });

  it("useReadable selects with isEqual, and works with fromStore (runes) and get", () => {
    const store = createStore({ items: [1, 2, 3], other: 0 });
    const odd = useReadable(store, (s) => s.items.filter((n) => n % 2 === 1), shallowEqual);
    const seen: (readonly number[])[] = [];
    const stop = odd.subscribe((value) => seen.push(value));
    store.update((s) => void s.items.push(4));
    store.update((s) => void (s.other = 1));
    store.update((s) => void s.items.push(5));
    stop();
    expect(seen.map((value) => value.join(","))).toEqual(["1,3", "1,3,5"]);
    expect(get(odd)).toEqual([1, 3, 5]);
    expect(fromStore(odd).current).toEqual([1, 3, 5]);
  });

  it("a getter key keeps one source per key: `get()` keeps its reference and no change is reported twice", () => {
    const store = createStore<Record<string, number[]>>({ A: [1], B: [2] });
    const key = "A";
    const view = follow(
      () => key,
      (k) => select(store, (s) => s[k].filter((n) => n > 0), shallowEqual),
    );
    expect(view.get()).toBe(view.get());
    const seen: number[][] = [];
    const stop = view.subscribe((value) => seen.push([...value]));
    store.update((s) => void s.B.push(3));
    store.update((s) => void s.A.push(4));
    stop();
    expect(seen).toEqual([[1], [1, 4]]);
  });
});
