#!/usr/bin/env node
// `pnpm demo`: starts the local ConnectyCube-compatible server with demo data, builds the React example for it
// (Vite, about two seconds, from the packages' source) and serves the build with `vite preview`, prints where to go,
// and stops both on Ctrl+C. A production build, so that its service worker can reopen the app offline (Vite's dev
// modules can't be replayed from a cache); CHATCUBE_DEMO_DEV=1 runs the dev server instead (live reload, no offline
// reload). Everything stays on this machine: no account, no internet. A stop by Ctrl+C (SIGINT) or SIGTERM exits 0,
// so that `pnpm demo` ends quietly; CHATCUBE_PORT and CHATCUBE_WEB_PORT move the two ports.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
const serverBin = fileURLToPath(new URL("packages/server/bin/chatcube-server.js", root));
const exampleDir = fileURLToPath(new URL("examples/react-chat/", root));
const viteBin = join(
  dirname(createRequire(join(exampleDir, "package.json")).resolve("vite/package.json")),
  "bin/vite.js",
);
const serverPort = process.env.CHATCUBE_PORT ?? "5280";
const webPort = process.env.CHATCUBE_WEB_PORT ?? "5173";
const dev = process.env.CHATCUBE_DEMO_DEV === "1";
const outDir = join(exampleDir, "dist"); // gitignored
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC
const ANSI = /\x1b\[[0-9;]*m/g;

const children = [];
let stopping = false;

/** What to tell the user when a child could not listen: which setting moves it elsewhere. */
const BUSY = {
  server: () =>
    `port ${serverPort} is busy: run with another one, e.g. CHATCUBE_PORT=5290 pnpm demo (the server's own option is --port)`,
  react: () => `port ${webPort} is busy: run with another one, e.g. CHATCUBE_WEB_PORT=5183 pnpm demo`,
};
const busy = new Set();

/**
 * Runs a child, prefixing its output with `label`; `onLine` sees each line without colours. `onDone`, for a step
 * that ends (the build), is called when it exits with 0 instead of stopping the demo.
 */
function run(label, args, options, onLine, onDone) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  children.push(child);
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.on("data", (chunk) => {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        if (!line.trim()) continue;
        process.stdout.write(`[${label}] ${line}\n`);
        const plain = line.replace(ANSI, "");
        if (/EADDRINUSE|already in use|is in use/i.test(plain)) busy.add(label);
        onLine?.(plain);
      }
    });
  }
  child.on("exit", (code, signal) => {
    if (stopping) return;
    if (onDone && code === 0) return onDone();
    // Ctrl+C reaches the children too (one process group), possibly before this process sees it: a child
    // that stopped on SIGINT or SIGTERM, or cleanly, is a stop, not a failure.
    if (signal === "SIGINT" || signal === "SIGTERM" || code === 0 || code === 130) return stop(0);
    if (busy.has(label)) process.stdout.write(`\n  ${BUSY[label]()}\n\n`);
    else process.stdout.write(`[${label}] exited (${signal ?? code}); stopping the demo\n`);
    stop(code || 1);
  });
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  const exit = () => process.exit(code);
  Promise.all(
    children.map((child) =>
      child.exitCode !== null || child.signalCode !== null ? null : new Promise((r) => child.once("exit", r)),
    ),
  ).then(exit);
  setTimeout(exit, 3000).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

const urls = { api: null, chat: null, web: null };

run("server", [serverBin, "--port", serverPort, "--seed", "demo"], {}, (line) => {
  urls.api ??= line.match(/REST API\s+(\S+)/)?.[1] ?? null;
  urls.chat ??= line.match(/WebSocket\s+(\S+)/)?.[1] ?? null;
  if (urls.api && urls.chat && children.length === 1) startWeb();
});

function startWeb() {
  const env = {
    ...process.env,
    VITE_CHATCUBE_API_URL: urls.api,
    VITE_CHATCUBE_CHAT_URL: urls.chat,
    VITE_CHATCUBE_CHAT_DOMAIN: "localhost",
  };
  const serve = () =>
    run(
      "react",
      [
        viteBin,
        ...(dev ? [] : ["preview", "--outDir", outDir]),
        "--host",
        "127.0.0.1",
        "--port",
        webPort,
        "--strictPort",
        ...(dev ? ["--clearScreen", "false"] : []),
      ],
      { cwd: exampleDir, env },
      (line) => {
        const local = line.match(/Local:\s+(http\S+)/)?.[1];
        if (local && !urls.web) {
          urls.web = local;
          banner();
        }
      },
    );
  if (dev) return serve();
  process.stdout.write("[build] building the React example…\n");
  run(
    "build",
    [viteBin, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
    { cwd: exampleDir, env },
    undefined,
    serve,
  );
}

function banner() {
  process.stdout.write(
    [
      "",
      "  chatcube demo is running",
      "",
      `    Open      ${urls.web}   (the React example, ${dev ? "Vite dev server" : "a production build: reloads work offline"})`,
      `    Sign in   alice, bob, carol or dave — password "password"`,
      "              Open a second window (or a private one) as another user to chat between them;",
      "              try DevTools → Network → Offline in one of them.",
      `    Server    REST ${urls.api}   chat ${urls.chat}   (domain localhost, app id 1, auth key dev-auth-key)`,
      "",
      "  Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}
