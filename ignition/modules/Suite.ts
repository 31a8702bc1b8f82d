import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { Roles } from "../../src/roles.js";

import BondsModule from "./Bonds.js";
import ConsortiumModule from "./Consortium.js";
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
 *
 * Parameters (Suite):
 * - adminDelay: seconds every admin act waits after it is scheduled (the admin's execution delay and
 *   each target's admin delay); 0 on local chains, 2 days in besu.json. Set last, so the deployment
 *   itself runs at once.
 * Parameters (Consortium): the multisig's `owners` and `threshold` (see Consortium.ts).
 *
 * The last steps hand governance over (issue 13): ADMIN is granted to the consortium's Safe with
 * `adminDelay` as its execution delay, and the deployer renounces ADMIN. After deployment the
 * deployer holds no role; every admin act is a Safe transaction approved by `threshold` owners,
 * scheduled in the AccessManager and executed after `adminDelay`.
 */
export default buildModule("Suite", (m) => {
  const foundation = m.useModule(FoundationModule);
  const { manager } = foundation;
  const { receivables } = m.useModule(ReceivablesModule);
  const { bondFactory } = m.useModule(BondsModule);
  const { factory: productFactory } = m.useModule(ProductsModule);
  const { market } = m.useModule(MarketModule);
  // Every suite contract is registered: the deployer gives up MODULE_FACTORY, so from here on only
  // the factories register modules (issue 13).
  const areas = [FoundationModule, ReceivablesModule, BondsModule, ProductsModule, MarketModule];
  const renounce = m.call(manager, "renounceRole", [Roles.MODULE_FACTORY, m.getAccount(0)], {
    id: "renounce_MODULE_FACTORY_deployer",
    after: areas,
  });
  // The admin's own delay (issue 13): every admin act after deployment (a grant, a re-wiring of a
  // selector, a fee or currency change made as admin) is scheduled and visible `adminDelay` seconds
  // before it can execute. Re-wiring a target additionally waits its target admin delay (the same
  // figure; OpenZeppelin applies a raised target delay after its 5-day setback).
  const adminDelay = m.getParameter("adminDelay", 0);
  const targets = {
    registry: foundation.registry,
    cash: foundation.cash,
    receivables,
    market,
    bondFactory,
    productFactory,
  };
  const targetDelays = Object.entries(targets).map(([name, target]) =>
    m.call(manager, "setTargetAdminDelay", [target, adminDelay], { id: `admin_delay_${name}`, after: areas }),
  );
  const { safe } = m.useModule(ConsortiumModule);
  const handOver = m.call(manager, "grantRole", [Roles.ADMIN, safe, adminDelay], {
    id: "admin_to_consortium",
    after: [renounce, ...targetDelays],
  });
  m.call(manager, "renounceRole", [Roles.ADMIN, m.getAccount(0)], {
    id: "renounce_ADMIN_deployer",
    after: [handOver],
  });
  return { ...foundation, receivables, market, bondFactory, productFactory, consortium: safe };
});
