import type { ChatClient } from "@chatcube/core";
import { describeBindingContract, type HookName } from "@chatcube/test-utils/contract";
import { fireEvent, render } from "@testing-library/svelte";
import { flushSync } from "svelte";
import * as binding from "../src/index.js";

// Every hook of the contract, under its name (a binding missing one does not compile).
const hooks: Record<HookName, unknown> = binding;

import Probe from "./components/Probe.svelte";
import TypingInput from "./components/TypingInput.svelte";

const context = (client: ChatClient) => new Map<unknown, unknown>([[binding.CHAT_CLIENT_KEY, client]]);

describeBindingContract("Svelte", {
  mount(fake, hook, arg) {
    let value: unknown;
    let renders = 0;
    const report = (next: unknown) => void ((value = next), (renders += 1));
    const view = render(Probe, { props: { use: hooks[hook] as never, arg, report }, context: context(fake.client) });
    return {
      value: () => value,
      renders: () => renders,
      setArg: async (next) => void (await view.rerender({ arg: next })),
      unmount: () => view.unmount(),
    };
  },
  mountInput(fake, dialogId) {
    const view = render(TypingInput, { props: { id: dialogId }, context: context(fake.client) });
    const input = () => view.getByLabelText("composer");
    return {
      type: async (text) => void (await fireEvent.input(input(), { target: { value: text } })),
      blur: async () => void (await fireEvent.blur(input())),
      setDialog: async (id) => void (await view.rerender({ id })),
      unmount: () => view.unmount(),
    };
  },
  change: async (run) => {
    run();
    flushSync();
  },
});
