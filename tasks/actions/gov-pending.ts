import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { scheduledOperations } from "../../src/areas/governance.js";
import { storedProposals } from "../lib/governance.js";
import { table } from "../lib/print.js";
import { openRuntime, validated, type CommonArgs, type Runtime } from "../lib/runtime.js";

interface Args extends CommonArgs {}

const iso = (t: bigint) => new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");

/** Prints the consortium (owners, threshold) and its open proposals; returns them. */
export async function printConsortium(rt: Runtime) {
  const c = rt.suite.consortium;
  if (c === undefined) {
    rt.log("consortium multisig: none in this deployment (ADMIN is an account)");
    return { proposals: [] as { nonce: string; description: string; approvals: string[] }[] };
  }
  const [owners, threshold, nonce] = await Promise.all([c.owners(), c.threshold(), c.nonce()]);
  rt.log(
    `consortium multisig ${c.address}: ${threshold} of ${owners.length} (${owners.map((o) => rt.label(o)).join(", ")}), next nonce ${nonce}`,
  );
  const proposals = [];
  for (const p of storedProposals(rt).filter((x) => BigInt(x.nonce) >= nonce)) {
    const approvals = await c.approvals(p.hash);
    proposals.push({ nonce: p.nonce, description: p.description, approvals });
  }
  table(
    proposals.map((p) => ({
      proposal: p.nonce,
      does: p.description,
      approvals: `${p.approvals.length} of ${threshold}`,
    })),
    rt.log,
  );
  return { proposals };
}

/** Prints the AccessManager's scheduled operations with their ETA; returns them. */
export async function printScheduled(rt: Runtime) {
  const now = BigInt((await rt.ethers.provider.getBlock("latest"))!.timestamp);
  const ops = await scheduledOperations(rt.suite.manager.contract, rt.suite.addresses);
  rt.log("scheduled operations (AccessManager):");
  table(
    ops.map((o) => ({
      operation: o.id,
      "scheduled by": rt.label(o.caller),
      does: o.description,
      ETA: iso(o.when),
      status: o.when <= now ? "ready" : `in ${o.when - now} s`,
    })),
    rt.log,
  );
  return ops;
}

export default async function pending(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const { proposals } = await printConsortium(rt);
    rt.log();
    const operations = await printScheduled(rt);
    return { proposals, operations };
  });
}
