// Test components are compiled by svelte-jest-transform.js; tsc sees them as components with loose props.
declare module "*.svelte" {
  import type { Component } from "svelte";

  const component: Component<Record<string, unknown>>;
  export default component;
}
