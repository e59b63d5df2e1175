import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerContext } from "../context.js";

/** (being written) */
export function createRestHandler(_ctx: ServerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    res.statusCode = 404;
    res.end();
  };
}
