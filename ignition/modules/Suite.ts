import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { Roles } from "../../src/roles.js";

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
  const { manager } = foundation;
  const { receivables } = m.useModule(ReceivablesModule);
  const { bondFactory } = m.useModule(BondsModule);
  const { factory: productFactory } = m.useModule(ProductsModule);
  const { market } = m.useModule(MarketModule);
  // Every suite contract is registered: the deployer gives up MODULE_FACTORY, so from here on only
  // the factories register modules (issue 13). It keeps ADMIN until the consortium's hand-over.
  m.call(manager, "renounceRole", [Roles.MODULE_FACTORY, m.getAccount(0)], {
    id: "renounce_MODULE_FACTORY_deployer",
    after: [FoundationModule, ReceivablesModule, BondsModule, ProductsModule, MarketModule],
  });
  return { ...foundation, receivables, market, bondFactory, productFactory };
});
