import { DialogType, useChatClient, useContacts, useReadable, useSession } from "@chatcube/react";
import { useUsers } from "../app/DirectoryContext";
import { ContactRow } from "./ContactRow";

/** Contacts with presence and last seen, incoming requests, and everyone else to add or write to. */
export function ContactsPanel({ onOpenDialog }: { onOpenDialog: (dialogId: string) => void }) {
  const client = useChatClient();
  const me = useSession()?.user.id ?? 0;
  const contacts = useContacts();
  const requests = useReadable(client.contacts.requests);
  const users = useUsers();
  const known = new Set([...contacts.map((c) => c.userId), ...requests.map((r) => r.userId)]);
  const others = Object.values(users).filter((user) => user.id !== me && !known.has(user.id));

  const chat = async (userId: number) => {
    const dialog = await client.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [userId] });
    onOpenDialog(dialog.id);
  };

  return (
    <div className="contacts" data-testid="contacts">
      {requests.length > 0 && (
        <>
          <h3>Requests</h3>
          <ul className="people-list">
            {requests.map((request) => (
              <ContactRow key={request.userId} userId={request.userId} kind="request" onChat={chat} />
            ))}
          </ul>
        </>
      )}
      <h3>Contacts</h3>
      {contacts.length === 0 && <p className="muted">No contacts yet: add someone below.</p>}
      <ul className="people-list">
        {contacts.map((contact) => (
          <ContactRow
            key={contact.userId}
            userId={contact.userId}
            kind={contact.pending ? "asked" : "contact"}
            name={contact.name}
            presenceOnline={contact.presence.online}
            onChat={chat}
          />
        ))}
      </ul>
      <h3>Other people</h3>
      <ul className="people-list">
        {others.map((user) => (
          <ContactRow key={user.id} userId={user.id} kind="other" onChat={chat} />
        ))}
      </ul>
    </div>
  );
}
