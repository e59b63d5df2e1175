import type { RestClient } from "../rest/createRestClient.js";

/** Most history pages looked through for one read (a bound, so a huge backlog costs at most this many requests). */
const MAX_PAGES = 5;
const PAGE = 100;

/**
 * The ids of the messages a read "up to `messageId`" covers: someone else's messages, not yet read by `selfId`, at
 * or before that message in the server's order, newest first. It walks history back from the message's second and
 * stops at the first message of someone else's that `selfId` has read (reads are cumulative) or after a bound.
 */
export async function unreadUpTo(
  rest: Pick<RestClient, "messages">,
  dialogId: string,
  target: { messageId: string; dateSent: number | null },
  selfId: number,
): Promise<string[]> {
  const ids: string[] = [];
  let found = false;
  let before = target.dateSent === null ? undefined : (Math.floor(target.dateSent / 1000) + 1) * 1000;
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const page = await rest.messages.list(dialogId, { before, limit: PAGE, sort: "desc" });
    for (const message of page) {
      if (!found) found = message.id === target.messageId; // newer ones of the same second come first: not covered
      if (!found || message.senderId === selfId) continue;
      if (message.readIds.includes(selfId)) return ids;
      ids.push(message.id);
    }
    if (page.length < PAGE) break;
    // The next page starts at the oldest second of this one (the merge of the same second is by id, below).
    const oldest = page[page.length - 1].dateSent;
    const next = Math.floor(oldest / 1000) * 1000 + 1000;
    if (before === next)
      before = Math.floor(oldest / 1000) * 1000; // one second holds a whole page: step past it
    else before = next;
  }
  if (!found) ids.push(target.messageId); // not in history (yet): mark it alone
  return [...new Set(ids)];
}
