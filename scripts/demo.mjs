#!/usr/bin/env node
// `pnpm demo`: starts the local ConnectyCube-compatible server with demo data and prints how to use it.
// Everything stays on this machine: no account, no internet.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const serverBin = fileURLToPath(new URL("../packages/server/bin/chatcube-server.js", import.meta.url));
const port = process.env.CHATCUBE_PORT ?? "5280";
const children = [];

function run(label, command, args) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: process.env });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) process.stdout.write(`[${label}] ${line}\n`);
    });
  }
  child.on("exit", (code, signal) => {
    if (!stopping) {
      process.stdout.write(`[${label}] exited (${signal ?? code}); stopping the demo\n`);
      stop(code ?? 1);
    }
  });
  return child;
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

run("server", process.execPath, [serverBin, "--port", port, "--seed", "demo"]);
process.stdout.write(
  [
    "",
    "chatcube demo",
    `  Sign in as alice, bob, carol or dave with the password "password".`,
    `  REST API:  http://127.0.0.1:${port}    chat: ws://localhost:${port}/ws (domain localhost, app id 1, auth key dev-auth-key)`,
    "  Press Ctrl+C to stop.",
    "",
  ].join("\n"),
);
