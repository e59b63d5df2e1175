import type { User } from "@chatcube/react";
import { useChatClient, useConnection, useDialog, useSync, useUnread } from "@chatcube/react";
import { useEffect, useState } from "react";
import { showUnreadInTitle } from "../../../shared/unreadTitle";
import { ContactsPanel } from "../contacts/ContactsPanel";
import { DialogList } from "../dialogs/DialogList";
import { NewDialogForm } from "../dialogs/NewDialogForm";
import { Thread } from "../thread/Thread";
import { useDirectory } from "./DirectoryContext";
import { OfflineBanner } from "./OfflineBanner";
import { SidebarHeader } from "./SidebarHeader";
import { useSelectedDialog } from "./useSelectedDialog";

type Tab = "chats" | "contacts" | "new";

/** The signed-in screen: dialogs (or contacts) on the left, the open thread on the right. */
export function ChatScreen({ me }: { me: User }) {
  const [selected, select] = useSelectedDialog();
  // A chat in the URL that is not in this user's list once sync has run (another user's link, a dialog left or
  // deleted) is closed rather than "loading" forever.
  const openDialog = useDialog(selected);
  const synced = useSync().state === "synced";
  useEffect(() => {
    if (selected && !openDialog && synced) select(null);
  }, [selected, openDialog, synced, select]);
  const [tab, setTab] = useState<Tab>("chats");
  const online = useConnection().status === "online";
  const directory = useDirectory();
  const unread = useUnread();
  useEffect(() => showUnreadInTitle(unread, "chatcube · React"), [unread]);
  const client = useChatClient();
  // A desktop notification per new message, once across this user's tabs (client.notifications$), if allowed.
  useEffect(() => {
    if (typeof Notification === "undefined") return;
    const subscription = client.notifications$.subscribe((message) => {
      if (Notification.permission === "granted")
        new Notification("New message", { body: message.body ?? "", tag: message.id });
    });
    return () => subscription.unsubscribe();
  }, [client]);

  useEffect(() => {
    if (online) directory.loadAll().catch(() => {});
  }, [online, directory]);

  const open = (dialogId: string) => {
    select(dialogId);
    setTab("chats");
  };

  return (
    <div className="app">
      <OfflineBanner />
      <div className={`layout ${selected ? "has-thread" : ""}`}>
        <h1 className="sr-only">chatcube</h1>
        <aside className="sidebar" aria-label="Chats">
          <SidebarHeader me={me} />
          <div className="tabs" role="tablist">
            {(["chats", "contacts", "new"] as const).map((name) => (
              <button
                key={name}
                role="tab"
                aria-selected={tab === name}
                className={tab === name ? "active" : ""}
                onClick={() => setTab(name)}
              >
                {name === "chats" ? "Chats" : name === "contacts" ? "Contacts" : "+ New"}
              </button>
            ))}
          </div>
          {tab === "chats" && <DialogList selectedId={selected} onSelect={open} />}
          {tab === "contacts" && <ContactsPanel onOpenDialog={open} />}
          {tab === "new" && <NewDialogForm onCreated={open} />}
        </aside>
        <main className="main">
          {selected ? (
            <Thread key={selected} dialogId={selected} onClose={() => select(null)} />
          ) : (
            <div className="empty-state">
              <p>Select a chat, or start a new one.</p>
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
