import type { ReadableSource, Unsubscribe } from "@chatcube/core";
import {
  getCurrentScope,
  hasInjectionContext,
  inject,
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

/** A readonly ref holding a Readable's value, released when the calling scope (component, effectScope) is disposed. */
export function useReadable<T>(readable: MaybeRefOrGetter<ReadableSource<T>>): ReadonlyRef<T>;
/** The same for part of the value: it triggers only when the selection changes by `isEqual` (default `Object.is`). */
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
  // On the server (an SSR context is provided) the ref holds the current value; nothing subscribes, nothing is disposed.
  if (hasInjectionContext() && inject(ssrContextKey, null) !== null) return state;

  let release: Unsubscribe | null = null;
  const attach = (source: ReadableSource<T>): void => {
    release?.();
    release = source.subscribe((value) => {
      const next = selector(value);
      if (!isEqual(state.value, next)) state.value = next;
    });
  };
  watch(() => toValue(readable), attach, { immediate: true, flush: "sync" }); // a ref or getter may change it
  if (getCurrentScope()) onScopeDispose(() => release?.());
  return state;
}
