// The handover's shape and its check, without @xmpp: the tab wiring (in the first chunk) reads it off the channel.

/**
 * What another client of the same user needs to resume a stream-management session (XEP-0198) that this one let
 * go: the id to resume, how many stanzas this one handled (`h`), and the full JID the stream was bound to, which a
 * resumption does not tell again. Plain data: it crosses a BroadcastChannel.
 */
export interface StreamHandover {
  id: string;
  h: number;
  jid: string;
}

/** True for a well-formed handover (one read from another tab is checked before it is used). */
export function isStreamHandover(value: unknown): value is StreamHandover {
  const v = value as StreamHandover | null;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.id === "string" &&
    v.id !== "" &&
    Number.isSafeInteger(v.h) &&
    v.h >= 0 &&
    typeof v.jid === "string" &&
    v.jid.includes("/")
  );
}
