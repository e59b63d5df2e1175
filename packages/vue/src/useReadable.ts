import type { ReadableSource, Unsubscribe } from "@chatcube/core";
import {
  getCurrentScope,
  hasInjectionContext,
  inject,
  isRef,
  type MaybeRefOrGetter,
  onScopeDispose,
  type ShallowRef,
  shallowRef,
  ssrContextKey,
  toValue,
  watch,
} from "vue";

/** A ref the caller reads but does not write. */
export type ReadonlyRef<T> = Readonly<ShallowRef<T>>;

const identity = <T>(value: T): T => value;

/** True while a component is set up by Vue's server renderer (it provides an SSR context). */
function inServerRender(): boolean {
  return hasInjectionContext() && inject(ssrContextKey, null) !== null;
}

/** A readonly ref holding a Readable's value, released when the calling scope (component, effectScope) is disposed. */
export function useReadable<T>(readable: MaybeRefOrGetter<ReadableSource<T>>): ReadonlyRef<T>;
/**
 * A readonly ref holding the selected part of a Readable's value; it triggers only when the selection changes by
 * `isEqual` (default `Object.is`). A ref or getter as `readable` moves the subscription when it changes.
 */
export function useReadable<T, U>(
  readable: MaybeRefOrGetter<ReadableSource<T>>,
  selector: (value: T) => U,
  isEqual?: (a: U, b: U) => boolean,
): ReadonlyRef<U>;
export function useReadable<T, U>(
  readable: MaybeRefOrGetter<ReadableSource<T>>,
  selector: (value: T) => U = identity as (value: T) => U,
  isEqual: (a: U, b: U) => boolean = Object.is,
): ReadonlyRef<U> {
  const state = shallowRef<U>(selector(toValue(readable).get()));
  const assign = (value: T): void => {
    const next = selector(value);
    if (!isEqual(state.value, next)) state.value = next;
  };
  // On the server the ref holds the client's current value and nothing subscribes (no scope is ever disposed there).
  if (inServerRender()) return state;

  let release: Unsubscribe | null = null;
  const attach = (source: ReadableSource<T>): void => {
    release?.();
    release = source.subscribe(assign);
  };
  if (isRef(readable) || typeof readable === "function")
    watch(() => toValue(readable), attach, { immediate: true, flush: "sync" });
  else attach(readable);
  if (getCurrentScope()) {
    onScopeDispose(() => {
      release?.();
      release = null;
    });
  }
  return state;
}
