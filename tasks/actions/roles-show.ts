import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { IGNITION_IDS, type ContractKey } from "../../src/deployment.js";
import { roleGrants } from "../../src/events.js";
import { Roles, type RoleName } from "../../src/roles.js";
import { WIRING, wiringOf } from "../../src/wiring.js";
import { table } from "../lib/print.js";
import { printConsortium, printScheduled } from "./gov-pending.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  account: string;
}

const KEY_OF: Record<string, "registry" | "cash"> = { ParticipantRegistry: "registry", SettlementToken: "cash" };

/** Returns the current holders by role name. */
export default async function show(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const manager = rt.suite.manager;
    const only = args.account !== "" ? rt.address(args.account, "--account") : undefined;
    const candidates = new Set<string>();
    for (const g of await roleGrants(manager.contract)) candidates.add(g.args.account);
    if (only !== undefined) {
      candidates.clear();
      candidates.add(only);
    }

    const holders: Record<string, string[]> = {};
    const rows = [];
    for (const role of Object.keys(Roles) as RoleName[]) {
      const grantDelay = await manager.contract.getRoleGrantDelay(Roles[role]);
      holders[role] = [];
      for (const a of candidates) {
        const m = await manager.membership(role, a);
        if (!m.isMember) continue;
        holders[role].push(a);
        rows.push({
          role: `${role} (${Roles[role]})`,
          holder: rt.label(a),
          "execution delay": `${m.executionDelay} s`,
          "grant delay": `${grantDelay} s`,
        });
      }
    }
    rt.log(`AccessManager ${rt.suite.addresses.manager} (${rt.networkName})`);
    table(rows, rt.log);

    if (!only) {
      rt.log();
      rt.log("restricted functions (checked on chain against src/wiring.ts):");
      const wired = [];
      for (const contract of Object.keys(WIRING)) {
        const key = KEY_OF[contract];
        if (key === undefined) continue;
        const target = rt.suite.addresses[key];
        for (const w of wiringOf(contract)) {
          for (let i = 0; i < w.signatures.length; i++) {
            const onChain = await manager.contract.getTargetFunctionRole(target, w.selectors[i]);
            wired.push({
              function: `${contract}.${w.signatures[i]}`,
              role: w.role,
              "on chain": onChain === w.roleId ? "ok" : `MISMATCH (role ${onChain})`,
            });
          }
        }
      }
      table(wired, rt.log);
      rt.log();
      rt.log("admin delays of the suite's contracts (a re-wiring waits this long, after OpenZeppelin's setback):");
      const delays = [];
      for (const key of Object.keys(IGNITION_IDS) as ContractKey[]) {
        const a = rt.suite.addresses[key];
        delays.push({
          contract: key,
          address: a,
          "target admin delay": `${await manager.contract.getTargetAdminDelay(a)} s`,
        });
      }
      table(delays, rt.log);
      rt.log();
      const { proposals } = await printConsortium(rt);
      rt.log();
      const operations = await printScheduled(rt);
      return { ...holders, proposals, operations };
    }
    return holders;
  });
}
