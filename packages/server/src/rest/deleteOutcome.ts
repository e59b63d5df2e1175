/** Where each id of a multi-delete ended up (docs/protocol.md §4, §5). */
export interface DeleteOutcome {
  SuccessfullyDeleted: { ids: string[] };
  NotFound: { ids: string[] };
  WrongPermissions: { ids: string[] };
}

/** An empty `DeleteOutcome`. */
export function deleteOutcome(): DeleteOutcome {
  return { SuccessfullyDeleted: { ids: [] }, NotFound: { ids: [] }, WrongPermissions: { ids: [] } };
}
