import { describeBindingContract, type HookName } from "@chatcube/test-utils/contract";
import { mount } from "@vue/test-utils";
import { defineComponent, h, nextTick, type PropType, unref } from "vue";
import * as binding from "../src/index.js";

// Every hook of the contract, under its name (a binding missing one does not compile).
const hooks: Record<HookName, unknown> = binding;

const TypingInput = defineComponent({
  props: { id: { type: null as unknown as PropType<string | null>, default: null } },
  setup(props) {
    const typing = binding.useTypingInput(() => props.id);
    return () => h("textarea", { ...typing });
  },
});

describeBindingContract("Vue", {
  mount(fake, hook, arg) {
    const use = hooks[hook] as (arg?: unknown) => unknown;
    let value: unknown;
    let renders = 0;
    const Probe = defineComponent({
      props: { arg: { type: null, default: undefined } },
      setup(props) {
        const result = use(() => props.arg);
        return () => ((value = unref(result)), (renders += 1), null);
      },
    });
    const wrapper = mount(Probe, { props: { arg }, global: { plugins: [binding.createChatPlugin(fake.client)] } });
    return {
      value: () => value,
      renders: () => renders,
      setArg: async (next) => void (await wrapper.setProps({ arg: next })),
      unmount: () => wrapper.unmount(),
    };
  },
  mountInput(fake, dialogId) {
    const wrapper = mount(TypingInput, {
      props: { id: dialogId },
      global: { plugins: [binding.createChatPlugin(fake.client)] },
    });
    return {
      type: (text) => wrapper.get("textarea").setValue(text),
      blur: async () => void (await wrapper.get("textarea").trigger("blur")),
      setDialog: async (id) => void (await wrapper.setProps({ id })),
      unmount: () => wrapper.unmount(),
    };
  },
  change: async (run) => {
    run();
    await nextTick();
  },
});
