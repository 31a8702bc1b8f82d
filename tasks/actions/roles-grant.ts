import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { roleOf } from "../../src/areas/governance.js";
import { Roles } from "../../src/roles.js";
import { propose } from "../lib/governance.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  role: string;
  to: string;
  delay: number;
}

export default async function grant(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.role, "--role");
    requireOption(args.to, "--to");
    let role;
    try {
      role = roleOf(args.role);
    } catch (e) {
      throw new InputError(`--role: ${(e as Error).message.replace(/^role: /, "")}`);
    }
    if (role === "ADMIN")
      throw new InputError("--role: granting ADMIN is a governance decision; use the manager directly");
    if (!Number.isInteger(args.delay) || args.delay < 0 || args.delay > 0xffffffff) {
      throw new InputError(`--delay: ${args.delay} is not a number of seconds between 0 and 4294967295`);
    }
    const rt = await openRuntime(args, hre);
    const to = rt.address(args.to, "--to");
    const m = await rt.suite.manager.membership(role, to);
    if (m.isMember) throw new InputError(`${rt.label(to)} already holds ${role}`);
    const roleId = Roles[role];
    const consortium = rt.suite.consortium;
    if (consortium !== undefined && (await rt.suite.manager.membership("ADMIN", consortium.address)).isMember) {
      // After the Suite's hand-over the consortium's multisig is ADMIN: the grant is its proposal.
      const data = rt.suite.manager.contract.interface.encodeFunctionData("grantRole", [roleId, to, args.delay]);
      const file = await propose(rt, {
        target: rt.suite.addresses.manager,
        data,
        admin: true,
        description: `grant ${role} to ${rt.label(to)} (execution delay ${args.delay} s)`,
      });
      return file?.hash;
    }
    const signer = await rt.signerFor("ADMIN");
    const c = rt.as(signer).manager.contract;
    const grantDelay = await c.getRoleGrantDelay(roleId);
    const tx = await rt.send(`grant ${role} to ${rt.label(to)}`, (o) => ({
      staticCall: () => c.grantRole.staticCall(roleId, to, args.delay, o),
      estimateGas: () => c.grantRole.estimateGas(roleId, to, args.delay, o),
      send: () => c.grantRole(roleId, to, args.delay, o),
    }));
    if (tx !== undefined) {
      const [, , , effect] = await c.getAccess(roleId, to);
      const after = await rt.suite.manager.membership(role, to);
      rt.log(
        after.isMember
          ? `  ${rt.label(to)} now holds ${role} (execution delay ${after.executionDelay} s)`
          : `  ${rt.label(to)} holds ${role} from ${new Date(Number(effect) * 1000).toISOString()} (grant delay ${grantDelay} s)`,
      );
    }
    return tx?.hash;
  });
}
