import type { Attachment } from "@chatcube/react";
import { useChatClient } from "@chatcube/react";
import { formatSize } from "../../../shared/format";

/** An attached file: an image preview, or a link with the file's name and size. Still uploading: name and size. */
export function AttachmentView({ attachment }: { attachment: Attachment }) {
  const client = useChatClient();
  const name = attachment.name ?? "file";
  const size = attachment.size !== undefined ? ` · ${formatSize(attachment.size)}` : "";
  const isImage = attachment.type === "image" || attachment.contentType?.startsWith("image/");
  if (!attachment.uid && !attachment.url)
    return (
      <div className="attachment file">
        {name}
        {size}
      </div>
    );
  const href = client.files.url(attachment);
  return (
    <a
      className={`attachment ${isImage ? "image" : "file"}`}
      href={href}
      target="_blank"
      rel="noreferrer"
      data-testid="attachment"
    >
      {isImage ? (
        <img src={href} alt={name} loading="lazy" crossOrigin="anonymous" />
      ) : (
        <span>
          {name}
          {size}
        </span>
      )}
    </a>
  );
}
