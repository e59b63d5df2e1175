import { DialogType, useChatClient, useSession } from "@chatcube/react";
import { type FormEvent, useState } from "react";
import { useUsers } from "../app/DirectoryContext";
import { displayName } from "../chat/createUserDirectory";

/** Starts a private chat with one person, or a group with a name and several people. */
export function NewDialogForm({ onCreated }: { onCreated: (dialogId: string) => void }) {
  const client = useChatClient();
  const me = useSession()?.user.id ?? 0;
  const users = useUsers();
  const people = Object.values(users).filter((user) => user.id !== me);
  const [group, setGroup] = useState(false);
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (id: number) =>
    setPicked((current) =>
      group ? (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]) : [id],
    );
  const ready = group ? picked.length > 0 && name.trim() !== "" : picked.length === 1;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const dialog = await client.dialogs.create(
        group
          ? { type: DialogType.GROUP, occupantIds: picked, name: name.trim() }
          : { type: DialogType.PRIVATE, occupantIds: picked },
      );
      onCreated(dialog.id);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="new-dialog" onSubmit={submit}>
      <div className="segmented">
        <button
          type="button"
          className={!group ? "active" : ""}
          onClick={() => (setGroup(false), setPicked(picked.slice(0, 1)))}
        >
          Private
        </button>
        <button type="button" className={group ? "active" : ""} onClick={() => setGroup(true)}>
          Group
        </button>
      </div>
      {group && (
        <input
          placeholder="Group name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-label="Group name"
        />
      )}
      <ul className="people">
        {people.length === 0 && <li className="muted">Loading people…</li>}
        {people.map((user) => (
          <li key={user.id}>
            <label>
              <input
                type={group ? "checkbox" : "radio"}
                name="person"
                checked={picked.includes(user.id)}
                onChange={() => toggle(user.id)}
              />
              {displayName(users, user.id)} <span className="muted">@{user.login}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && <p className="error">{error}</p>}
      <button type="submit" className="primary" disabled={!ready || busy}>
        {group ? "Create group" : "Start chat"}
      </button>
    </form>
  );
}
