import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { plan } from "../lib/bonds.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  currency: string;
  revoke: boolean;
}

/** BondFactory.setCurrencyApproved, as the asset admin. */
export default async function approveCurrency(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const currency = args.currency === "" ? rt.suite.addresses.cash : rt.address(args.currency, "--currency");
    const f = rt.as(await rt.signerFor("ASSET_ADMIN")).bonds.factory;
    const approve = !args.revoke;
    const tx = await rt.send(
      `${approve ? "approve" : "withdraw"} ${rt.label(currency)} as a bond currency`,
      plan(f.setCurrencyApproved, currency, approve),
    );
    if (tx !== undefined) {
      rt.log(`  ${rt.label(currency)} approved for new bonds: ${await rt.suite.bonds.isCurrencyApproved(currency)}`);
    }
    return tx?.hash;
  });
}
