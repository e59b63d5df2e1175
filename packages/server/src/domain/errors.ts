/** A failure that maps to an HTTP status and the documented `{errors: …}` body. */
export class ApiError extends Error {
  /** `errors` as it goes on the wire: `{base: [...]}` or per-field messages. */
  readonly errors: Record<string, string[]> | string[];

  constructor(
    readonly status: number,
    errors: string | string[] | Record<string, string[]>,
  ) {
    const body = typeof errors === "string" ? { base: [errors] } : errors;
    super(Array.isArray(body) ? body.join("; ") : Object.values(body).flat().join("; "));
    this.errors = body;
  }
}

/** 400: the request could not be read. */
export const badRequest = (message: string) => new ApiError(400, message);
/** 401: no valid session. */
export const unauthorized = (message = "Required session does not exist") => new ApiError(401, message);
/** 403: authenticated but not allowed. */
export const forbidden = (message = "You don't have appropriate permissions to perform this operation") =>
  new ApiError(403, message);
/** 404: no such thing (or not visible to this user). */
export const notFound = (message = "Resource not found") => new ApiError(404, message);
/** 422: a field is missing or invalid. */
export const invalid = (field: string, message: string) => new ApiError(422, { [field]: [message] });
