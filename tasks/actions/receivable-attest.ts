import { id as keccakText } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { attestationKind } from "../../src/areas/receivables.js";
import { Kinds } from "../../src/kinds.js";
import { actingSigner, knownRoot, printReceivable } from "../lib/receivables.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  root: string;
  kind: string;
  evidence: string;
}

export default async function attest(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.kind, "--kind");
    requireOption(args.evidence, "--evidence");
    const kind = attestationKind(args.kind, "--kind");
    // A 32-byte hash as is; any other text (a declaration number, a file's name) is hashed.
    const evidence = /^0x[0-9a-fA-F]{64}$/.test(args.evidence) ? args.evidence : keccakText(args.evidence);
    const rt = await openRuntime(args, hre);
    const root = await knownRoot(rt, args.root);
    const { signer, address: from } = await actingSigner(rt);
    if (!(await rt.suite.registry.contract.isEligibleKind(from, Kinds.VERIFIER))) {
      throw new InputError(
        `--from: ${rt.label(from)} is not an eligible verifier (${await rt.suite.registry.eligibility(from)}, kind VERIFIER needed)`,
      );
    }
    const c = rt.as(signer).receivables.contract;
    const tx = await rt.send(`attest ${args.kind} on receivable ${root.rootHex}`, (o) => ({
      staticCall: () => c.attest.staticCall(root.rootId, kind, evidence, o),
      estimateGas: () => c.attest.estimateGas(root.rootId, kind, evidence, o),
      send: () => c.attest(root.rootId, kind, evidence, o),
    }));
    if (tx !== undefined) await printReceivable(rt, root.rootId);
    return tx?.hash;
  });
}
