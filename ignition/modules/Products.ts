import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { Roles } from "../../src/roles.js";
import { wiringOf } from "../../src/wiring.js";
import MarketModule from "./Market.js";

/**
 * Revenue-sharing products: the RevenueProduct and TrancheToken implementations (cloned per
 * product), the ProductFactory wired to the AccessManager and granted MODULE_FACTORY so it can
 * register the products and tranche tokens it creates as custody modules. Products auction defaulted
 * fragments on the Market module's FactoringMarket.
 *
 * Parameters (Products):
 * - treasury: receives rounding dust at wind-down (default: the deployer). Participants are registered
 *   after deployment, so it is not checked here; until the fee admin names an eligible participant
 *   (ProductFactory.setTreasury, which refuses any other), a product's dust waits in it for sweepDust.
 * - maxBasket: maximum fragments per basket (default 50)
 */
export default buildModule("Products", (m) => {
  const { manager, registry, cash, receivables, market } = m.useModule(MarketModule);
  const productImpl = m.contract("RevenueProduct", []);
  const trancheImpl = m.contract("TrancheToken", [registry, cash]);
  const factory = m.contract("ProductFactory", [
    manager,
    registry,
    receivables,
    cash,
    productImpl,
    trancheImpl,
    m.getParameter("treasury", m.getAccount(0)),
    m.getParameter("maxBasket", 50n),
    market,
  ]);
  for (const w of wiringOf("ProductFactory")) {
    m.call(manager, "setTargetFunctionRole", [factory, w.selectors, w.roleId], { id: `wire_ProductFactory_${w.role}` });
  }
  m.call(manager, "grantRole", [Roles.MODULE_FACTORY, factory, 0], { id: "grant_MODULE_FACTORY_ProductFactory" });
  // The factory moves basket fragments into a new product as the originator's operator, and the
  // receivables admit an operator only while eligible: it is registered as a custody module.
  m.call(registry, "registerModule", [factory], { id: "module_ProductFactory" });
  return { manager, registry, cash, receivables, market, factory, productImpl, trancheImpl };
});
