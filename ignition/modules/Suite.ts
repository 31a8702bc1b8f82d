import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import BondsModule from "./Bonds.js";
import FoundationModule from "./Foundation.js";
import MarketModule from "./Market.js";
import ProductsModule from "./Products.js";
import ReceivablesModule from "./Receivables.js";

/**
 * The whole suite: every area's module, used once, and their futures re-exported so one
 * `ignition deploy ignition/modules/Suite.ts` deploys everything and `deployed_addresses.json`
 * names every contract (`Foundation#ParticipantRegistry`, ...).
 *
 * A new area adds its module file next to this one and one `m.useModule` line below; its module
 * takes the Foundation's futures through `m.useModule(FoundationModule)` itself (Ignition
 * deduplicates a module used twice).
 */
export default buildModule("Suite", (m) => {
  const foundation = m.useModule(FoundationModule);
  const { receivables } = m.useModule(ReceivablesModule);
  const { bondFactory } = m.useModule(BondsModule);
  const { factory: productFactory } = m.useModule(ProductsModule);
  const { market } = m.useModule(MarketModule);
  return { ...foundation, receivables, market, bondFactory, productFactory };
});
