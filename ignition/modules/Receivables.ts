import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { Roles } from "../../src/roles.js";
import { wiringOf } from "../../src/wiring.js";
import FoundationModule from "./Foundation.js";

/**
 * The ReceivableToken: deployed against the foundation's AccessManager and registry, registered as
 * a custody module (it holds repayments until holders claim them), its restricted functions wired,
 * and the settlement token approved as a currency.
 *
 * Parameters (Receivables), seconds and base units:
 * - maxTenor (default 2 years), gracePeriod (default 7 days), defaultPeriod (default 30 days),
 *   minFragmentValue (default 100, i.e. 1.00 in a 2-decimal currency), maxTier (default 10).
 */
export default buildModule("Receivables", (m) => {
  const { manager, registry, cash } = m.useModule(FoundationModule);
  const receivables = m.contract("ReceivableToken", [
    manager,
    registry,
    m.getParameter("maxTenor", 2n * 365n * 86400n),
    m.getParameter("gracePeriod", 7n * 86400n),
    m.getParameter("defaultPeriod", 30n * 86400n),
    m.getParameter("minFragmentValue", 100n),
    m.getParameter("maxTier", 10n),
    // A fresh deployment has no migration importer; a successor that takes over a retired token is
    // deployed with one (docs/operations.md, "Migrating a contract").
    "0x0000000000000000000000000000000000000000",
  ]);
  const wired = wiringOf("ReceivableToken").map((w) =>
    m.call(manager, "setTargetFunctionRole", [receivables, w.selectors, w.roleId], {
      id: `wire_ReceivableToken_${w.role}`,
    }),
  );
  m.call(registry, "registerModule", [receivables], { id: "module_ReceivableToken" });
  // The deployer approves the settlement token as the first currency under a temporary
  // ASSET_ADMIN grant that it renounces right after.
  const deployer = m.getAccount(0);
  const grant = m.call(manager, "grantRole", [Roles.ASSET_ADMIN, deployer, 0], {
    id: "grant_ASSET_ADMIN_deployer",
    after: wired,
  });
  const approve = m.call(receivables, "setCurrency", [cash, true], { id: "currency_cash", after: [grant] });
  m.call(manager, "renounceRole", [Roles.ASSET_ADMIN, deployer], {
    id: "renounce_ASSET_ADMIN_deployer",
    after: [approve],
  });
  return { manager, registry, cash, receivables };
});
