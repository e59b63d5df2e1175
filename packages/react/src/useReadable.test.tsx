import { createStore, shallowEqual } from "@chatcube/core";
import { createFakeClient } from "@chatcube/test-utils";
import { describe, expect, it } from "@jest/globals";
import { act, render } from "@testing-library/react";
import { StrictMode } from "react";
import { useReadable } from "./useReadable.js";

describe("useReadable", () => {
  it("renders the current value and re-renders on each change", () => {
    const store = createStore({ count: 1 });
    const seen: number[] = [];
    function Counter() {
      const { count } = useReadable(store);
      seen.push(count);
      return <p>{count}</p>;
    }
    const view = render(<Counter />);
    act(() => store.set({ count: 2 }));
    expect(view.container.textContent).toBe("2");
    expect(seen).toEqual([1, 2]);
  });

  it("with an inline selector, re-renders only when the selection changes", () => {
    const store = createStore({ a: 1, b: 1 });
    let renders = 0;
    function OnlyA() {
      const a = useReadable(store, (s) => s.a);
      renders += 1;
      return <p>{a}</p>;
    }
    const view = render(<OnlyA />);
    act(() => store.update((s) => void (s.b = 2)));
    act(() => store.update((s) => void (s.b = 3)));
    expect(renders).toBe(1);
    act(() => store.update((s) => void (s.a = 5)));
    expect(renders).toBe(2);
    expect(view.container.textContent).toBe("5");
  });

  it("keeps the previous reference when `isEqual` says the selection is equal", () => {
    const store = createStore({ items: [1, 2, 3], other: 0 });
    const seen: (readonly number[])[] = [];
    function Odd() {
      const odd = useReadable(store, (s) => s.items.filter((n) => n % 2 === 1), shallowEqual);
      seen.push(odd);
      return <p>{odd.join(",")}</p>;
    }
    render(<Odd />);
    act(() => store.update((s) => void s.items.push(4)));
    act(() => store.update((s) => void (s.other = 1)));
    expect(seen).toHaveLength(1);
    act(() => store.update((s) => void s.items.push(5)));
    expect(seen.map((odd) => odd.join(","))).toEqual(["1,3", "1,3,5"]);
  });

  it("in StrictMode leaves exactly one subscription per hook, and none after unmount", () => {
    const fake = createFakeClient();
    function Two() {
      useReadable(fake.client.connection);
      useReadable(fake.client.sync, (s) => s.state);
      return null;
    }
    const view = render(
      <StrictMode>
        <Two />
      </StrictMode>,
    );
    expect(fake.subscribers()).toBe(2);
    view.unmount();
    expect(fake.subscribers()).toBe(0);
  });

  it("moves its subscription when the Readable changes", () => {
    const fake = createFakeClient();
    fake.windows("A").set({ items: [], hasOlder: false, loadingOlder: false, error: null, detached: false });
    function Thread({ id }: { id: string }) {
      return <p>{useReadable(fake.client.messages.forDialog(id), (w) => String(w.hasOlder))}</p>;
    }
    const view = render(<Thread id="A" />);
    expect(view.container.textContent).toBe("false");
    view.rerender(<Thread id="B" />);
    expect(view.container.textContent).toBe("true");
    expect(fake.subscribers()).toBe(1);
    view.unmount();
    expect(fake.subscribers()).toBe(0);
  });
});
