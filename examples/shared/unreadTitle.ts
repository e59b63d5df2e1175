// Shared by the example apps (plain TypeScript): the unread count in the page title, "(3) chatcube · React", so it
// shows on a background tab.

/** Sets the title for `unread` messages; `base` is the app's own title. */
export function showUnreadInTitle(unread: number, base: string): void {
  document.title = unread > 0 ? `(${unread}) ${base}` : base;
}
