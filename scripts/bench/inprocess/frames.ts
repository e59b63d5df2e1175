/**
 * The frames both stacks take in: N copies of one `<message type="chat">` frame the local server really delivered
 * (captured from the official stack's socket), each with its own message id, sender, dialog, body and date_sent,
 * spread round-robin over the seeded private dialogs. Each frame is a flat string, as a WebSocket message event
 * gives one (a concatenated string would be a rope, flattened inside the measurement).
 */

/** One private dialog of the signed-in user and the peer on its other side. */
export interface Peer {
  userId: number;
  dialogId: string;
}

/** What `captured` must contain to be used as the template: a stored chat message with a body and dialog_id. */
const PARTS = [
  /(<message\b[^>]*\bfrom=")(\d+)(-[^"]*")/,
  /(<message\b[^>]*\bid=")([0-9a-f]{24})(")/,
  /(<body>)([^<]*)(<\/body>)/,
  /(<dialog_id>)([0-9a-f]{24})(<\/dialog_id>)/,
  /(<date_sent>)(\d+)(<\/date_sent>)/,
] as const;

/** Splits the captured frame around the fields that vary; throws when it is not a frame of that shape. */
function frameTemplate(captured: string): (fields: string[]) => string {
  const found: Array<{ at: number; end: number }> = [];
  for (const pattern of PARTS) {
    const match = pattern.exec(captured);
    if (!match) throw new Error(`the captured frame has no ${pattern}: ${captured}`);
    const at = match.index + match[1].length;
    found.push({ at, end: at + match[2].length });
  }
  const order = found.map((f, i) => ({ ...f, i })).sort((a, b) => a.at - b.at);
  const pieces: string[] = [];
  let cursor = 0;
  for (const f of order) {
    pieces.push(captured.slice(cursor, f.at));
    cursor = f.end;
  }
  pieces.push(captured.slice(cursor));
  return (fields) => {
    let out = "";
    order.forEach((f, k) => {
      out += pieces[k] + fields[f.i];
    });
    return out + pieces[pieces.length - 1];
  };
}

/** `count` frames from the template; `tag` (2 hex digits) keeps the ids of different batches apart. */
export function makeFrames(captured: string, peers: readonly Peer[], count: number, tag: string): string[] {
  const fill = frameTemplate(captured);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const start = Math.floor(Date.now() / 1000);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const peer = peers[i % peers.length];
    const id = `${tag}${i.toString(16).padStart(22, "0")}`;
    const text = `message number ${i} with some ordinary text`;
    const frame = fill([String(peer.userId), id, text, peer.dialogId, String(start + Math.floor(i / 100))]);
    out.push(decoder.decode(encoder.encode(frame)));
  }
  return out;
}
