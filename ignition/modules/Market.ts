import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { wiringOf } from "../../src/wiring.js";
import ReceivablesModule from "./Receivables.js";

/**
 * The FactoringMarket on top of the receivables: deployed against the foundation's AccessManager,
 * its restricted functions wired (fee admin: fee and treasury; guardian: pause), and registered as
 * a custody module (it holds listed fragments and escrowed cash). The fee starts at 0 with no
 * treasury: the fee admin sets the treasury, then the fee.
 */
export default buildModule("Market", (m) => {
  const { manager, registry, cash, receivables } = m.useModule(ReceivablesModule);
  const market = m.contract("FactoringMarket", [
    manager,
    receivables,
    // A fresh deployment has no migration importer; a successor that takes over a retired market is
    // deployed with one (docs/operations.md, "Migrating a contract").
    "0x0000000000000000000000000000000000000000",
  ]);
  wiringOf("FactoringMarket").forEach((w) =>
    m.call(manager, "setTargetFunctionRole", [market, w.selectors, w.roleId], {
      id: `wire_FactoringMarket_${w.role}`,
    }),
  );
  m.call(registry, "registerModule", [market], { id: "module_FactoringMarket" });
  return { manager, registry, cash, receivables, market };
});
