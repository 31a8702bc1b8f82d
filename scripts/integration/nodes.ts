import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** Repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HARDHAT = `${ROOT}node_modules/hardhat/dist/src/cli.js`;
const ANVIL = `${ROOT}node_modules/@foundry-rs/anvil/bin.mjs`;

/** A local chain started as a separate process (own process group, so it can always be stopped). */
export interface LocalNode {
  kind: "anvil" | "besu-sim";
  url: string;
  child: ChildProcess;
  output: () => string;
}

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A child's output: its first 4,000 characters (where Ignition says whether it resumes) and its
 * last 20,000 (where errors are). */
function collect(child: ChildProcess): () => string {
  let head = "";
  let tail = "";
  let total = 0;
  const add = (d: Buffer) => {
    const text = d.toString();
    if (head.length < 4_000) head += text.slice(0, 4_000 - head.length);
    total += text.length;
    tail = (tail + text).slice(-20_000);
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  return () =>
    total <= head.length + tail.length ? head + tail.slice(head.length + tail.length - total) : `${head}\n…\n${tail}`;
}

/** JSON-RPC call with a timeout. */
export async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/**
 * Starts anvil (npm `@foundry-rs/anvil`) or the besuSim Hardhat node on a free port with the Besu
 * imitation settings, and waits until it answers `eth_chainId` 1337.
 */
export async function startNode(kind: LocalNode["kind"], timeoutMs = 60_000): Promise<LocalNode> {
  const port = await freePort();
  const args =
    kind === "anvil"
      ? [ANVIL, "--chain-id", "1337", "--base-fee", "0", "--gas-price", "0", "--disable-min-priority-fee"].concat([
          "--hardfork",
          "cancun",
          "--block-time",
          "2",
          "--host",
          "127.0.0.1",
          "--port",
          String(port),
        ])
      : [HARDHAT, "node", "--network", "besuSim", "--hostname", "127.0.0.1", "--port", String(port)];
  const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output = collect(child);
  const node: LocalNode = { kind, url: `http://127.0.0.1:${port}`, child, output };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${kind} exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await rpc(node.url, "eth_chainId")) === "0x539") return node;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stopNode(node);
      throw new Error(`${kind} did not answer within ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Kills a process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function killGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = new Promise<"late">((r) => setTimeout(() => r("late"), graceMs));
  if ((await Promise.race([exited, timer])) === "late") {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await exited;
  }
}

export function stopNode(node: LocalNode): Promise<void> {
  return killGroup(node.child);
}

/** Runs the Hardhat CLI as a child (own process group); resolves with its exit code and output. */
export function hardhat(
  args: string[],
  env: Record<string, string>,
  opts: { timeoutMs?: number; onSpawn?: (c: ChildProcess) => void } = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [HARDHAT, ...args], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(child);
  opts.onSpawn?.(child);
  const timeout = setTimeout(() => void killGroup(child, 1_000), opts.timeoutMs ?? 110_000);
  return new Promise((resolve) => {
    child.once("exit", (code) => {
      clearTimeout(timeout);
      resolve({ code, output: output() });
    });
  });
}

/** `ignition deploy` of the Suite to `url` with an explicit deployment id (parameters: localhost.json by default). */
export function deploySuite(
  url: string,
  deploymentId: string,
  opts: Parameters<typeof hardhat>[2] & { parameters?: string } = {},
) {
  return hardhat(
    [
      "ignition",
      "deploy",
      "ignition/modules/Suite.ts",
      "--network",
      "localhost",
      "--parameters",
      `ignition/parameters/${opts.parameters ?? "localhost"}.json`,
      "--deployment-id",
      deploymentId,
    ],
    { LOCAL_RPC_URL: url },
    opts,
  );
}
