// `pnpm demo` as a person runs it: Ctrl+C (SIGINT to the whole process group, as a terminal sends it) stops
// it with exit code 0 and no pnpm failure; a busy port names the variable that moves it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** A port that was free a moment ago (listen on 0, note it, close). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `pnpm demo` in its own process group; `until` decides when to send SIGINT to the group (or never). */
async function demo(
  env: Record<string, string>,
  until: RegExp | null,
  timeoutMs = 40_000,
): Promise<{ code: number | null; output: string }> {
  const child = spawn("pnpm", ["demo"], {
    cwd: root,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let interrupted = false;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (until && !interrupted && until.test(output)) {
      interrupted = true;
      process.kill(-child.pid!, "SIGINT");
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  return { code, output };
}

describe("pnpm demo", () => {
  it("stops on Ctrl+C with exit code 0", async () => {
    const [api, web] = [await freePort(), await freePort()];
    const { code, output } = await demo(
      { CHATCUBE_PORT: String(api), CHATCUBE_WEB_PORT: String(web) },
      /Press Ctrl\+C to stop/,
    );
    assert.match(output, new RegExp(`REST http://127.0.0.1:${api}`));
    assert.equal(code, 0, output);
    assert.doesNotMatch(output, /ELIFECYCLE|Command failed/);
  });

  it("says which variable moves a busy port", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const busy = (blocker.address() as { port: number }).port;
    try {
      const server = await demo({ CHATCUBE_PORT: String(busy), CHATCUBE_WEB_PORT: String(await freePort()) }, null);
      assert.notEqual(server.code, 0);
      assert.match(server.output, new RegExp(`port ${busy} is busy.*CHATCUBE_PORT=`));
      const web = await demo({ CHATCUBE_PORT: String(await freePort()), CHATCUBE_WEB_PORT: String(busy) }, null);
      assert.notEqual(web.code, 0);
      assert.match(web.output, new RegExp(`port ${busy} is busy.*CHATCUBE_WEB_PORT=`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
