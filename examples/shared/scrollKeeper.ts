// Shared by the example apps (plain TypeScript): where a thread's scroll goes when its messages change. Older
// history prepended keeps the reader's place; a new message (or one's own) scrolls into view only when the reader
// was at the bottom; an image or anything else that grows the list after it rendered keeps a reader who was at the
// bottom there. Each app calls `afterRender` once the DOM shows the new messages.

const NEAR_TOP = 120;
const NEAR_BOTTOM = 160;

/** What the keeper needs to know about the messages just rendered. */
export interface RenderedMessages {
  /** The oldest message's id. */
  first: string | null;
  /** The newest message's id and status (a status change, e.g. failed + Retry, may grow it). */
  last: string | null;
  /** The newest message is one's own (sending scrolls to it wherever the reader was). */
  lastIsMine: boolean;
}

/** The scroll handling of one thread's message list. */
export interface ScrollKeeper {
  /** Call after each render with the messages shown. */
  afterRender(rendered: RenderedMessages): void;
  /** The element's scroll handler; returns true when older history should load. */
  onScroll(): boolean;
  /** True when the reader is at (near) the bottom. */
  atBottom(): boolean;
  /** Stops watching the element's size. */
  dispose(): void;
}

/** Keeps the scroll of `el` (the scrolling message list). */
export function createScrollKeeper(el: HTMLElement): ScrollKeeper {
  let first: string | null = null;
  let last: string | null = null;
  let height = 0;
  let bottom = true;
  const measure = () => {
    height = el.scrollHeight;
    bottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
  };
  const toBottom = () => {
    el.scrollTop = el.scrollHeight;
    measure();
  };
  // Media that loads after the render (an image) grows the list: stay at the bottom if the reader was there.
  const onGrow = () => {
    if (el.scrollHeight === height) return;
    if (bottom) toBottom();
    else height = el.scrollHeight;
  };
  el.addEventListener("load", onGrow, true);
  const observer = typeof ResizeObserver === "function" ? new ResizeObserver(onGrow) : null;
  observer?.observe(el);

  return {
    afterRender(rendered) {
      if (first !== null && rendered.first !== first && rendered.last === last) {
        el.scrollTop += el.scrollHeight - height; // older messages went in above: stay where the reader was
      } else if (rendered.last !== last && (bottom || rendered.lastIsMine)) {
        el.scrollTop = el.scrollHeight;
      } else if (bottom) {
        el.scrollTop = el.scrollHeight;
      }
      first = rendered.first;
      last = rendered.last;
      measure();
    },
    onScroll() {
      measure();
      return el.scrollTop < NEAR_TOP;
    },
    atBottom: () => bottom,
    dispose() {
      el.removeEventListener("load", onGrow, true);
      observer?.disconnect();
    },
  };
}
