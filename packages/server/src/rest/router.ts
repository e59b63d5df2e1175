import type { RestRequest } from "./readRequest.js";
import type { RestReply } from "./reply.js";

/** A route handler: reads the request, answers a reply (or throws an `ApiError`). */
export type RouteHandler = (request: RestRequest) => RestReply | Promise<RestReply>;

/** Whether a route wants the `.json` suffix: the REST API always has it, download URLs never do. */
export type SuffixRule = "json" | "none" | "any";

interface Route {
  method: string;
  segments: string[];
  suffix: SuffixRule;
  handler: RouteHandler;
}

/** A match: the handler and the values of the pattern's `:name` segments. */
export interface RouteMatch {
  handler: RouteHandler;
  params: Record<string, string>;
}

/**
 * A tiny method + path router. Patterns are written without `.json` (`/chat/Dialog/:id`); a `:name` segment
 * matches one path segment. Routes are tried in the order they were added, so specific ones go first.
 */
export class Router {
  private readonly routes: Route[] = [];

  /** Adds a route; by default it matches with or without the `.json` suffix. */
  add(method: string, pattern: string, handler: RouteHandler, suffix: SuffixRule = "any"): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), suffix, handler });
    return this;
  }

  /** `add("GET", …)` */
  get(pattern: string, handler: RouteHandler, suffix?: SuffixRule): this {
    return this.add("GET", pattern, handler, suffix);
  }

  /** `add("POST", …)` */
  post(pattern: string, handler: RouteHandler, suffix?: SuffixRule): this {
    return this.add("POST", pattern, handler, suffix);
  }

  /** `add("PUT", …)` */
  put(pattern: string, handler: RouteHandler, suffix?: SuffixRule): this {
    return this.add("PUT", pattern, handler, suffix);
  }

  /** `add("DELETE", …)` */
  delete(pattern: string, handler: RouteHandler, suffix?: SuffixRule): this {
    return this.add("DELETE", pattern, handler, suffix);
  }

  /** The first route matching the method and path (a path without `.json`; `json` tells whether it had one). */
  match(method: string, path: string, json: boolean): RouteMatch | null {
    const segments = split(path);
    const wanted = method === "HEAD" ? "GET" : method;
    for (const route of this.routes) {
      if (route.method !== wanted || route.segments.length !== segments.length) continue;
      if ((route.suffix === "json" && !json) || (route.suffix === "none" && json)) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const expected = route.segments[i];
        if (expected.startsWith(":")) params[expected.slice(1)] = segments[i];
        else ok = expected === segments[i];
      }
      if (ok) return { handler: route.handler, params };
    }
    return null;
  }
}

function split(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}
