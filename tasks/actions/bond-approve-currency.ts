import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { plan } from "../lib/bonds.js";
import { actAsRole } from "../lib/governance.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  currency: string;
  revoke: boolean;
}

/**
 * BondFactory.setCurrencyApproved, as the asset admin. With the asset admin's execution delay
 * (`assetAdminDelay`), the first run schedules it and a run after the delay executes it.
 */
export default async function approveCurrency(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const currency = args.currency === "" ? rt.suite.addresses.cash : rt.address(args.currency, "--currency");
    const signer = await rt.signerFor("ASSET_ADMIN");
    const f = rt.as(signer).bonds.factory;
    const approve = !args.revoke;
    const data = f.interface.encodeFunctionData("setCurrencyApproved", [currency, approve]);
    const { hash, executed } = await actAsRole(
      rt,
      signer,
      rt.suite.addresses.bondFactory,
      data,
      `${approve ? "approve" : "withdraw"} ${rt.label(currency)} as a bond currency`,
      plan(f.setCurrencyApproved, currency, approve),
    );
    if (executed) {
      rt.log(`  ${rt.label(currency)} approved for new bonds: ${await rt.suite.bonds.isCurrencyApproved(currency)}`);
    }
    return hash;
  });
}
