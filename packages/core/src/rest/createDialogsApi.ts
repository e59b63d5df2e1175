import { ChatError, isChatError } from "../errors/ChatError.js";
import type { Dialog } from "../model/dialog.js";
import type { User } from "../model/user.js";
import { type DeleteResult, deleteResultFromDto } from "./dto/deleteResultFromDto.js";
import { dialogFromDto } from "./dto/dialogFromDto.js";
import {
  type CreateDialogInput,
  createDialogBody,
  type DialogListParams,
  deleteForm,
  dialogListQuery,
  type UpdateDialogInput,
  updateDialogBody,
} from "./dto/dialogRequests.js";
import { hasNextPage, pageFromDto } from "./dto/pageFromDto.js";
import { isRecord } from "./dto/readDto.js";
import { userFromDto } from "./dto/userFromDto.js";
import { checkId, idPath, type RestContext, unwrap } from "./restContext.js";

/** What `dialogs.list` asks for. */
interface DialogListOptions {
  /** Only dialogs changed after this time (ms), as `updated_at[gt]` in unix seconds (floored: may repeat some). */
  updatedAfter?: number;
  /** Page size (default 100). */
  limit?: number;
  /** Offset (default 0). */
  skip?: number;
  /** Order (default `sort_desc=last_message_date_sent`: most recent activity first). */
  sort?: { by?: NonNullable<DialogListParams["sortBy"]>; order?: "asc" | "desc" };
}

/** One page of dialogs. */
interface DialogPage {
  /** The dialogs that mapped cleanly (bad ones go to `onRejected`). */
  items: Dialog[];
  /** Matching dialogs in all pages, as the server reports it (null if it did not). */
  total: number | null;
  skip: number;
  limit: number;
}

/** `/chat/Dialog` (docs/protocol.md §4). */
export interface DialogsApi {
  /** One page of the current user's dialogs. */
  list(options?: DialogListOptions): Promise<DialogPage>;
  /** Every dialog changed after `updatedAfter` (ms; all when omitted), paging by 100 and de-duplicated by id. */
  listAll(updatedAfter?: number): Promise<Dialog[]>;
  /** One dialog by id (`_id` filter); rejects `not-found` when it is not visible. */
  get(id: string): Promise<Dialog>;
  /** Creates a dialog (the server adds the creator). Not retried: a group dialog is not idempotent. */
  create(input: CreateDialogInput): Promise<Dialog>;
  /** Changes a dialog; list changes become `push_all` / `pull_all`. */
  update(id: string, patch: UpdateDialogInput): Promise<Dialog>;
  /** Leaves/hides dialogs, or deletes them for everyone with `force` (owner only); outcome per id. */
  remove(ids: string | readonly string[], options?: { force?: boolean }): Promise<DeleteResult>;
  /** Deletes the history for the current user, or for everyone with `force` (owner only). */
  clearHistory(id: string, options?: { force?: boolean }): Promise<void>;
  /** Joins a public dialog. Retried like a PUT: joining twice is joining once. */
  subscribe(id: string): Promise<Dialog>;
  /** Leaves a public dialog. */
  unsubscribe(id: string): Promise<void>;
  /** Adds and/or removes admins (`PUT /chat/Dialog/{id}/admins.json`; owner only, at most 5). */
  admins(id: string, change: { add?: readonly number[]; remove?: readonly number[] }): Promise<Dialog>;
  /** A page of a dialog's occupants. */
  occupants(id: string, options?: { limit?: number; skip?: number }): Promise<User[]>;
  /** Push notification setting of the current user for a dialog. */
  notifications: {
    /** Whether notifications are on. */
    get(id: string): Promise<boolean>;
    /** Turns notifications on or off; resolves with the new setting. */
    set(id: string, enabled: boolean): Promise<boolean>;
  };
}

const PAGE = 100;

/** Creates the dialogs resource group. */
export function createDialogsApi(ctx: RestContext): DialogsApi {
  const { http } = ctx;
  const path = (id: string, sub = "") => `chat/Dialog/${idPath(checkId(id))}${sub}`;
  const dialog = (body: unknown): Dialog => unwrap(dialogFromDto(body));

  const fetchPage = async (params: DialogListParams) => {
    const body = await http.request({ method: "GET", path: "chat/Dialog", params: dialogListQuery(params) });
    const page = unwrap(pageFromDto(body, dialogFromDto));
    if (page.rejected.length > 0) ctx.reportRejected(page.rejected);
    return page;
  };

  const notificationSetting = (body: unknown): boolean => {
    const settings = isRecord(body) && isRecord(body.notifications) ? body.notifications : null;
    const enabled = settings?.enabled;
    if (enabled === 1 || enabled === "1" || enabled === true) return true;
    if (enabled === 0 || enabled === "0" || enabled === false) return false;
    throw new ChatError("protocol", "Malformed notification settings", { details: { dto: body } });
  };

  return {
    async list(options = {}) {
      const page = await fetchPage({
        updatedAfter: options.updatedAfter,
        limit: options.limit,
        skip: options.skip,
        sortBy: options.sort?.by,
        order: options.sort?.order,
      });
      return { items: page.items, total: page.total, skip: page.skip, limit: page.limit };
    },

    async listAll(updatedAfter) {
      const byId = new Map<string, Dialog>();
      for (let skip = 0; ; ) {
        const page = await fetchPage({ updatedAfter, limit: PAGE, skip });
        for (const item of page.items) byId.set(item.id, item);
        const received = page.items.length + page.rejected.length;
        if (received === 0 || !hasNextPage(page)) break;
        skip += received;
      }
      return [...byId.values()];
    },

    async get(id) {
      const body = await http.request({ method: "GET", path: "chat/Dialog", params: { _id: checkId(id), limit: 1 } });
      const page = unwrap(pageFromDto(body, dialogFromDto));
      if (page.rejected.length > 0) throw page.rejected[0];
      const found = page.items.find((item) => item.id.toLowerCase() === id.toLowerCase());
      if (!found) throw new ChatError("not-found", `Dialog ${id} not found`);
      return found;
    },

    async create(input) {
      return dialog(await http.request({ method: "POST", path: "chat/Dialog", body: createDialogBody(input) }));
    },

    async update(id, patch) {
      return dialog(await http.request({ method: "PUT", path: path(id), body: updateDialogBody(patch) }));
    },

    async remove(ids, options = {}) {
      const list = typeof ids === "string" ? [ids] : [...ids];
      if (list.length === 0) return { deleted: [], notFound: [], forbidden: [] };
      list.forEach(checkId);
      try {
        const body = await http.request({
          method: "DELETE",
          path: `chat/Dialog/${idPath(list)}`,
          params: deleteForm(options.force === true),
        });
        return unwrap(deleteResultFromDto(body, list));
      } catch (error) {
        // One id answers with a status rather than an outcome object: report it the same way.
        if (list.length === 1 && isChatError(error, "not-found")) return { deleted: [], notFound: list, forbidden: [] };
        if (list.length === 1 && isChatError(error, "forbidden")) return { deleted: [], notFound: [], forbidden: list };
        throw error;
      }
    },

    async clearHistory(id, options = {}) {
      await http.request({
        method: "DELETE",
        path: `chat/Dialog/clearHistory/${idPath(checkId(id))}`,
        params: deleteForm(options.force === true),
        expect: "none",
      });
    },

    async subscribe(id) {
      return dialog(await http.request({ method: "POST", path: path(id, "/subscribe"), idempotent: true }));
    },

    async unsubscribe(id) {
      await http.request({ method: "DELETE", path: path(id, "/subscribe"), expect: "none" });
    },

    async admins(id, change) {
      const body: Record<string, unknown> = {};
      if (change.add?.length) body.push_all = { admins_ids: [...change.add] };
      if (change.remove?.length) body.pull_all = { admins_ids: [...change.remove] };
      if (!body.push_all && !body.pull_all) throw new ChatError("validation", "No admins to add or remove");
      return dialog(await http.request({ method: "PUT", path: path(id, "/admins"), body }));
    },

    async occupants(id, options = {}) {
      const body = await http.request({
        method: "GET",
        path: path(id, "/occupants"),
        params: { limit: options.limit ?? PAGE, skip: options.skip ?? 0 },
      });
      const page = unwrap(pageFromDto(body, userFromDto));
      if (page.rejected.length > 0) ctx.reportRejected(page.rejected);
      return page.items;
    },

    notifications: {
      async get(id) {
        return notificationSetting(await http.request({ method: "GET", path: path(id, "/notifications") }));
      },
      async set(id, enabled) {
        return notificationSetting(
          await http.request({ method: "PUT", path: path(id, "/notifications"), body: { enabled: enabled ? 1 : 0 } }),
        );
      },
    },
  };
}
