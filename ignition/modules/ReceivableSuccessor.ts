import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * A successor receivable token (a fixed version) and its migration importer, taking over the
 * retired token at parameter `predecessor` (issue 13). It reads the predecessor's AccessManager,
 * registry and parameters from the chain, so the successor is deployed with the same ones; it starts
 * paused. No role is needed to deploy it: the wiring of its restricted functions, its registration as
 * a custody module and the close of the migration are governance acts (docs/operations.md,
 * "Migrating a contract"), and the import in between is `npx hardhat migrate receivables`.
 *
 * Parameters (ReceivableSuccessor): predecessor (address of the retired ReceivableToken).
 */
export default buildModule("ReceivableSuccessor", (m) => {
  const predecessor = m.contractAt("ReceivableToken", m.getParameter<string>("predecessor"), { id: "Predecessor" });
  const importer = m.contract("ReceivableImporter", [predecessor]);
  const param = (index: number, id: string) => m.staticCall(predecessor, "params", [], index, { id });
  const receivables = m.contract("ReceivableToken", [
    m.staticCall(predecessor, "authority", [], 0, { id: "authority" }),
    m.staticCall(predecessor, "registry", [], 0, { id: "registry" }),
    param(0, "maxTenor"),
    param(1, "gracePeriod"),
    param(2, "defaultPeriod"),
    param(3, "minFragmentValue"),
    param(4, "maxTier"),
    importer,
  ]);
  return { importer, receivables };
});
