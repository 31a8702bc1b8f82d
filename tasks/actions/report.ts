import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { knownRoot } from "../lib/receivables.js";
import { buildReport, writeReport } from "../lib/report.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  root: string;
  out: string;
}

export default async function report(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const root = args.root === "" ? undefined : await knownRoot(rt, args.root);
    const rep = await buildReport(rt.suite, {
      rootId: root?.rootId,
      network: rt.networkName,
      nameOf: (a) => rt.book.nameOf(a),
    });
    const dir = args.out !== "" ? args.out : path.join("reports", `${args.deploymentId}`);
    const base = root !== undefined ? `receivable-${root.rootHex.slice(2, 14)}` : "receivables";
    const files = writeReport(rep, dir, base);
    rt.log(`${rep.title}`);
    for (const r of rep.receivables) {
      rt.log(
        `  ${r.rootId}: ${r.state}, face ${r.face}, paid ${r.paid}, ${r.holders.length} holder fragment(s), ${r.attestations.length} attestation(s), ${r.lifecycle.length} event(s)`,
      );
    }
    rt.log(`wrote ${files.markdown}`);
    rt.log(`wrote ${files.json}`);
    return { files, report: rep };
  });
}
