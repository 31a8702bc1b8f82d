import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { Roles } from "../../src/roles.js";
import { wiringOf } from "../../src/wiring.js";
import FoundationModule from "./Foundation.js";

/**
 * SME bonds on top of the Foundation: the BondDeployer library (it carries Bond's creation code so
 * the factory stays under 24 KiB), the BondFactory wired to its operator roles (src/wiring.ts), and
 * Roles.MODULE_FACTORY granted to the factory so it can register every bond it creates as a
 * custody module. The asset admin approves currencies afterwards (`setCurrencyApproved`).
 */
export default buildModule("Bonds", (m) => {
  const { manager, registry, cash } = m.useModule(FoundationModule);
  const bondDeployer = m.library("BondDeployer");
  const bondFactory = m.contract("BondFactory", [manager, registry], { libraries: { BondDeployer: bondDeployer } });
  for (const w of wiringOf("BondFactory")) {
    m.call(manager, "setTargetFunctionRole", [bondFactory, w.selectors, w.roleId], {
      id: `wire_BondFactory_${w.role}`,
    });
  }
  m.call(manager, "grantRole", [Roles.MODULE_FACTORY, bondFactory, 0], { id: "grant_MODULE_FACTORY_BondFactory" });
  return { manager, registry, cash, bondFactory, bondDeployer };
});
