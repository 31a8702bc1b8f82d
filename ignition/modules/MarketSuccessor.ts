import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * A successor factoring market (a fixed version) and its migration importer, taking over the
 * retired market at parameter `predecessor` (issue 13). It trades the receivable token at parameter
 * `receivables`: the same token when the market alone moves, the successor token when both move.
 * The AccessManager is read from the predecessor; the successor starts paused. No role is needed to
 * deploy it: wiring, registration as a custody module and the close are governance acts
 * (docs/operations.md, "Migrating a contract"); the imports are `npx hardhat migrate market`.
 *
 * Parameters (MarketSuccessor): predecessor, receivables (addresses).
 */
export default buildModule("MarketSuccessor", (m) => {
  const predecessor = m.contractAt("FactoringMarket", m.getParameter<string>("predecessor"), { id: "Predecessor" });
  const importer = m.contract("FactoringMarketImporter", [predecessor]);
  const market = m.contract("FactoringMarket", [
    m.staticCall(predecessor, "authority", [], 0, { id: "authority" }),
    m.getParameter<string>("receivables"),
    importer,
  ]);
  return { importer, market };
});
