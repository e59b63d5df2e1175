import { useDialogs } from "@chatcube/react";
import { DialogListItem } from "./DialogListItem";

/** Every dialog, newest activity first. */
export function DialogList({ selectedId, onSelect }: { selectedId: string | null; onSelect: (id: string) => void }) {
  const dialogs = useDialogs();
  if (dialogs.length === 0) return <p className="muted pad">No chats yet.</p>;
  return (
    <ul className="dialog-list" data-testid="dialog-list">
      {dialogs.map((dialog) => (
        <DialogListItem key={dialog.id} dialogId={dialog.id} selected={dialog.id === selectedId} onSelect={onSelect} />
      ))}
    </ul>
  );
}
