import type { FakeChat } from "@chatcube/test-utils";
import { describeBindingContract, type HookName } from "@chatcube/test-utils/contract";
import { act, fireEvent, render } from "@testing-library/react";
import type { ReactElement } from "react";
import * as binding from "../src/index.js";

// Every hook of the contract, under its name (a binding missing one does not compile).
const hooks: Record<HookName, unknown> = binding;

const inside = (fake: FakeChat, child: ReactElement) => (
  <binding.ChatProvider client={fake.client}>{child}</binding.ChatProvider>
);

function TypingInput({ id }: { id: string | null }) {
  return <textarea aria-label="composer" {...binding.useTypingInput(id)} />;
}

describeBindingContract("React", {
  mount(fake, hook, arg) {
    const use = hooks[hook] as (arg?: unknown) => unknown;
    let value: unknown;
    let renders = 0;
    function Probe({ arg }: { arg: unknown }) {
      value = use(arg);
      renders += 1;
      return null;
    }
    const view = render(inside(fake, <Probe arg={arg} />));
    return {
      value: () => value,
      renders: () => renders,
      setArg: async (next) => act(() => view.rerender(inside(fake, <Probe arg={next} />))),
      unmount: () => view.unmount(),
    };
  },
  mountInput(fake, dialogId) {
    const view = render(inside(fake, <TypingInput id={dialogId} />));
    const input = () => view.getByLabelText("composer");
    return {
      type: async (text) => void fireEvent.change(input(), { target: { value: text } }),
      blur: async () => void fireEvent.blur(input()),
      setDialog: async (id) => view.rerender(inside(fake, <TypingInput id={id} />)),
      unmount: () => view.unmount(),
    };
  },
  change: async (run) => act(run),
});
