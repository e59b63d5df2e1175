import { ChatError } from "../../errors/ChatError.js";
import { DialogType, isDialogType } from "../../model/dialog.js";
import { msToSeconds } from "../../time/wireTime.js";
import { encodeQuery } from "./encodeQuery.js";

/** What to list with `GET /chat/Dialog.json`. */
export interface DialogListParams {
  /** Only dialogs changed after this time (ms); sent as `updated_at[gt]` in unix seconds, floored. */
  updatedAfter?: number;
  /** Only these types. */
  types?: readonly DialogType[];
  /** Only these ids. */
  ids?: readonly string[];
  /** Page size (default 100, the server's maximum). */
  limit?: number;
  /** Offset (default 0). */
  skip?: number;
  /** Sort field (default `last_message_date_sent`). */
  sortBy?: "last_message_date_sent" | "updated_at" | "created_at";
  /** Sort order (default `desc`). */
  order?: "asc" | "desc";
}

/**
 * The query string of a dialog list (docs/protocol.md §4, §16.7), e.g.
 * `limit=100&skip=0&sort_desc=last_message_date_sent&updated_at[gt]=1700000000`. Flooring `updatedAfter` to a
 * second can only return more dialogs, never fewer: callers de-duplicate by id.
 */
export function dialogListQuery(params: DialogListParams = {}): string {
  const order = params.order ?? "desc";
  return encodeQuery({
    limit: params.limit ?? 100,
    skip: params.skip ?? 0,
    [order === "asc" ? "sort_asc" : "sort_desc"]: params.sortBy ?? "last_message_date_sent",
    updated_at: params.updatedAfter === undefined ? undefined : { gt: msToSeconds(params.updatedAfter) },
    type: params.types && params.types.length > 0 ? { in: params.types } : undefined,
    _id: params.ids && params.ids.length > 0 ? { in: params.ids } : undefined,
  });
}

/** What to create with `POST /chat/Dialog.json`. */
export interface CreateDialogInput {
  /** PRIVATE needs exactly one other occupant. */
  type: DialogType;
  /** The other members (the server adds the creator); a public dialog needs none. */
  occupantIds?: readonly number[];
  /** Name (required by the server for group and public dialogs). */
  name?: string;
  /** Photo URL or blob uid. */
  photo?: string;
  /** Free text. */
  description?: string;
  /** Admins (at most 5). */
  adminIds?: readonly number[];
  /** Custom string fields. */
  extensions?: Readonly<Record<string, string>>;
  /** Public dialogs: let non-members read the last messages. */
  allowPreview?: boolean;
}

/** The JSON body of `POST /chat/Dialog.json`; throws `ChatError("validation")` for input the server would refuse. */
export function createDialogBody(input: CreateDialogInput): Record<string, unknown> {
  if (!isDialogType(input.type)) throw new ChatError("validation", `Unknown dialog type ${String(input.type)}`);
  const occupantIds = input.occupantIds ?? [];
  if (input.type === DialogType.PRIVATE && occupantIds.length !== 1) {
    throw new ChatError("validation", "A private dialog has exactly one other occupant", {
      details: { fields: { occupants_ids: ["must hold one id"] } },
    });
  }
  if ((input.adminIds?.length ?? 0) > 5)
    throw new ChatError("validation", "At most 5 admins", { details: { fields: { admins_ids: ["too many"] } } });
  const body: Record<string, unknown> = { type: input.type, occupants_ids: [...occupantIds] };
  if (input.name !== undefined) body.name = input.name;
  if (input.photo !== undefined) body.photo = input.photo;
  if (input.description !== undefined) body.description = input.description;
  if (input.adminIds !== undefined) body.admins_ids = [...input.adminIds];
  if (input.extensions !== undefined) body.extensions = { ...input.extensions };
  if (input.allowPreview !== undefined) body.permissions = { allow_preview: input.allowPreview };
  return body;
}

/** Changes for `PUT /chat/Dialog/{id}.json`; lists are added (`push_all`) or removed (`pull_all`). */
export interface UpdateDialogInput {
  name?: string;
  photo?: string | null;
  description?: string | null;
  /** New custom fields, or null to clear them. */
  extensions?: Readonly<Record<string, string>> | null;
  allowPreview?: boolean;
  addOccupantIds?: readonly number[];
  removeOccupantIds?: readonly number[];
  addAdminIds?: readonly number[];
  removeAdminIds?: readonly number[];
  pinMessageIds?: readonly string[];
  unpinMessageIds?: readonly string[];
}

/** The JSON body of `PUT /chat/Dialog/{id}.json` (docs/protocol.md §4); only the fields given are sent. */
export function updateDialogBody(input: UpdateDialogInput): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.photo !== undefined) body.photo = input.photo;
  if (input.description !== undefined) body.description = input.description;
  if (input.extensions !== undefined) body.extensions = input.extensions === null ? null : { ...input.extensions };
  if (input.allowPreview !== undefined) body.permissions = { allow_preview: input.allowPreview };
  const push = lists({
    occupants_ids: input.addOccupantIds,
    admins_ids: input.addAdminIds,
    pinned_messages_ids: input.pinMessageIds,
  });
  const pull = lists({
    occupants_ids: input.removeOccupantIds,
    admins_ids: input.removeAdminIds,
    pinned_messages_ids: input.unpinMessageIds,
  });
  if (push) body.push_all = push;
  if (pull) body.pull_all = pull;
  return body;
}

function lists(groups: Record<string, readonly (number | string)[] | undefined>): Record<string, unknown[]> | null {
  const out: Record<string, unknown[]> = {};
  for (const [key, ids] of Object.entries(groups)) if (ids && ids.length > 0) out[key] = [...ids];
  return Object.keys(out).length > 0 ? out : null;
}

/** The form body of a dialog or message DELETE: `force=1` deletes for everyone, `""` for the current user only. */
export function deleteForm(forEveryone: boolean): string {
  return forEveryone ? encodeQuery({ force: 1 }) : "";
}
