import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/chatcube-server.js", import.meta.url));

/** A `chatcube-server` CLI process on an ephemeral loopback port. */
export interface ServerProcess {
  child: ChildProcess;
  apiUrl: string;
  chatUrl: string;
  output: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

/** Starts the CLI with the given arguments (plus `--port 0`) and waits for it to print its URLs. */
export async function startServerProcess(args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const started = Date.now();
  while (!/WebSocket\s+(\S+)/.test(output)) {
    if (child.exitCode !== null || Date.now() - started > 15_000)
      throw new Error(`chatcube-server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    child,
    apiUrl: /REST API\s+(\S+)/.exec(output)![1],
    chatUrl: /WebSocket\s+(\S+)/.exec(output)![1],
    output: () => output,
    exited,
  };
}
