import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { consortiumOf, operation, propose } from "../lib/governance.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  to: string;
  data: string;
  execute: string;
  cancel: string;
  reject: string;
  direct: boolean;
}

export default async function proposeAction(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const modes = [args.to !== "" || args.data !== "", args.execute !== "", args.cancel !== "", args.reject !== ""];
    if (modes.filter(Boolean).length !== 1) {
      throw new InputError(
        "give either --to and --data, or --execute <operation>, or --cancel <operation>, or --reject <proposal>",
      );
    }
    const rt = await openRuntime(args, hre);
    const consortium = consortiumOf(rt);
    if (args.reject !== "") {
      // Safe's rejection: a transaction with no effect (to the Safe itself, no data) at the same
      // nonce; once executed, the rejected proposal can never execute and later ones can.
      if (!/^\d+$/.test(args.reject)) throw new InputError(`--reject: "${args.reject}" is not a proposal number`);
      return propose(rt, {
        target: consortium.address,
        data: "0x",
        admin: false,
        description: `reject proposal ${args.reject} (no effect; uses its nonce)`,
        nonce: BigInt(args.reject),
      });
    }
    if (args.execute !== "" || args.cancel !== "") {
      const op = await operation(rt, args.execute || args.cancel, args.execute !== "" ? "--execute" : "--cancel");
      if (args.execute !== "") {
        if (op.caller.toLowerCase() !== consortium.address.toLowerCase()) {
          throw new InputError(
            `--execute: operation ${op.id} was scheduled by ${rt.label(op.caller)}, not the consortium; its scheduler executes it`,
          );
        }
        const now = BigInt((await rt.ethers.provider.getBlock("latest"))!.timestamp);
        if (op.when > now) {
          throw new InputError(
            `--execute: operation ${op.id} is executable from ${new Date(Number(op.when) * 1000).toISOString()} (${op.when - now} s from now)`,
          );
        }
        const step = consortium.executeStep(op.target, op.data);
        return propose(rt, {
          target: step.to,
          data: step.data,
          admin: false,
          description: `execute ${op.description}`,
        });
      }
      const step = consortium.cancelStep(op);
      return propose(rt, { target: step.to, data: step.data, admin: false, description: `cancel ${op.description}` });
    }
    if (!/^0x([0-9a-fA-F]{2}){4,}$/.test(args.data))
      throw new InputError(`--data: "${args.data}" is not calldata (0x, a selector and its arguments)`);
    const keys = rt.suite.addresses as unknown as Record<string, string>;
    const target = keys[args.to] ?? rt.address(args.to, "--to");
    return propose(rt, { target, data: args.data, admin: !args.direct });
  });
}
