import { useChatClient, useReadable } from "@chatcube/react";
import { useCallback } from "react";

/** The upload progress of a message being sent with files (nothing once they are up). */
export function UploadProgressBar({ messageId }: { messageId: string }) {
  const client = useChatClient();
  const progress = useReadable(
    client.files.progress,
    useCallback((all: ReturnType<typeof client.files.progress.get>) => all[messageId], [messageId]),
  );
  if (!progress) return null;
  const percent = progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <div className="upload" data-testid="upload-progress">
      <progress max={100} value={percent} />
      <span>{percent}%</span>
      <button className="link" onClick={() => void client.messages.cancel(messageId).catch(() => {})}>
        Cancel
      </button>
    </div>
  );
}
