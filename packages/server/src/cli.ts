import { parseArgs } from "node:util";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed/demo.js";
import { startServer } from "./startServer.js";

const usage = `Usage: chatcube-server [options]

A local ConnectyCube-compatible backend: REST at /, XMPP over WebSocket at /ws.

Options:
  --port N         TCP port (default 5280; 0 picks a free one)
  --host ADDR      interface to listen on (default 127.0.0.1)
  --app-id N       application id (default 1)
  --auth-key KEY   auth key for session requests (default dev-auth-key)
  --auth-secret S  check SDK v3 session signatures with this secret (default: not checked)
  --data FILE      keep state in FILE between runs: a snapshot plus FILE.journal (default: memory only)
  --compact-bytes N  with --data: fold the journal into a new snapshot past N bytes (default 16 MiB,
                   or the snapshot's size when that is larger)
  --seed demo      add demo users and dialogs to an empty database
  -h, --help       show this help
`;

async function main(): Promise<void> {
  // A closed stdout (e.g. piped into `head`) must not take the server down.
  process.stdout.on("error", () => {});
  const options = {
    port: { type: "string" },
    host: { type: "string" },
    "app-id": { type: "string" },
    "auth-key": { type: "string" },
    "auth-secret": { type: "string" },
    data: { type: "string" },
    "compact-bytes": { type: "string" },
    seed: { type: "string" },
    help: { type: "boolean", short: "h" },
  } as const;
  let values: ReturnType<typeof parseArgs<{ options: typeof options }>>["values"];
  try {
    ({ values } = parseArgs({ options }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  const port = values.port === undefined ? 5280 : Number(values.port);
  const appId = values["app-id"] === undefined ? 1 : Number(values["app-id"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, not ${values.port}`);
  if (!Number.isInteger(appId) || appId <= 0) fail(`--app-id must be a positive integer, not ${values["app-id"]}`);
  const compactBytes = values["compact-bytes"] === undefined ? undefined : Number(values["compact-bytes"]);
  if (compactBytes !== undefined && (!Number.isInteger(compactBytes) || compactBytes < 1))
    fail(`--compact-bytes must be a positive integer, not ${values["compact-bytes"]}`);
  if (values.seed !== undefined && values.seed !== "demo") fail(`--seed only knows "demo", not ${values.seed}`);

  const server = await startServer({
    port,
    appId,
    host: values.host,
    authKey: values["auth-key"],
    authSecret: values["auth-secret"],
    data: values.data,
    compactBytes,
    seed: values.seed === "demo" ? "demo" : null,
  });
  const lines = [
    `chatcube-server is running`,
    `  REST API   ${server.apiUrl}`,
    `  WebSocket  ${server.chatUrl}`,
    `  domain     ${server.domain}    app id ${server.appId}    auth key ${server.authKey}`,
    values.data ? `  data       ${values.data}` : `  data       in memory (use --data FILE to keep it)`,
  ];
  if (values.seed === "demo")
    lines.push(`  demo users ${DEMO_USERS.map((u) => u.login).join(", ")} (password: ${DEMO_PASSWORD})`);
  process.stdout.write(`${lines.join("\n")}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping chatcube-server\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

function fail(message: string): never {
  process.stderr.write(`chatcube-server: ${message}\n`);
  process.exit(2);
}

main().catch((error: unknown) => {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === "EADDRINUSE") {
    process.stderr.write(
      `chatcube-server: ${message}: another program uses this port; pick another one with --port N (0 picks a free one)\n`,
    );
  } else process.stderr.write(`chatcube-server: ${message}\n`);
  process.exit(1);
});
