import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { Roles, SENSITIVE_ROLES } from "../../src/roles.js";
import { wiringOf } from "../../src/wiring.js";

/**
 * Governance, membership and cash: the AccessManager (admin = deployer), the ParticipantRegistry
 * and the SettlementToken, every restricted function wired to its role, the operators granted their
 * roles, every role labelled with its name on chain (labelRole), then the grant delay set on
 * sensitive roles.
 *
 * Parameters (Foundation):
 * - registrar, settlementBank, guardian, regulator, feeAdmin, assetAdmin: operator addresses
 * - cashName, cashSymbol: the settlement token's name and symbol
 * - grantDelay: seconds a new grant of a sensitive role waits before it takes effect (0 in tests).
 * - forcedTransferDelay: seconds between scheduling a court-ordered forced transfer and executing
 *   it (the regulator's execution delay on FORCED_TRANSFER; 0 in tests, 2 days in besu.json).
 *   OpenZeppelin applies a change of grant delay itself after a 5-day setback.
 * - feeAdminDelay, assetAdminDelay: the fee admin's and the asset admin's execution delays (fee and
 *   treasury changes; currency approvals): each act is scheduled and visible before it runs (0 in
 *   tests and locally, 1 day in besu.json). Pauses (guardian) stay immediate for emergencies.
 */
export default buildModule("Foundation", (m) => {
  const deployer = m.getAccount(0);
  const manager = m.contract("AccessManager", [deployer]);
  const registry = m.contract("ParticipantRegistry", [manager]);
  const cash = m.contract("SettlementToken", [
    manager,
    registry,
    m.getParameter("cashName", "Digital Yuan Deposit"),
    m.getParameter("cashSymbol", "dCNY"),
  ]);

  const wired = [];
  for (const [name, target] of [
    ["ParticipantRegistry", registry],
    ["SettlementToken", cash],
  ] as const) {
    for (const w of wiringOf(name)) {
      wired.push(
        m.call(manager, "setTargetFunctionRole", [target, w.selectors, w.roleId], {
          id: `wire_${name}_${w.role}`,
        }),
      );
    }
  }

  const operators = {
    REGISTRAR: m.getParameter<string>("registrar"),
    SETTLEMENT_BANK: m.getParameter<string>("settlementBank"),
    GUARDIAN: m.getParameter<string>("guardian"),
    REGULATOR: m.getParameter<string>("regulator"),
    FEE_ADMIN: m.getParameter<string>("feeAdmin"),
    ASSET_ADMIN: m.getParameter<string>("assetAdmin"),
  } as const;
  // Fee changes and currency approvals wait in the open (issue 13): each call of the fee admin and
  // the asset admin is scheduled in the manager and executes after its delay (0 in tests).
  const executionDelays: Partial<Record<keyof typeof operators, ReturnType<typeof m.getParameter>>> = {
    FEE_ADMIN: m.getParameter("feeAdminDelay", 0),
    ASSET_ADMIN: m.getParameter("assetAdminDelay", 0),
  };
  const grants = [];
  for (const [role, account] of Object.entries(operators) as [keyof typeof operators, typeof operators.REGISTRAR][]) {
    grants.push(
      m.call(manager, "grantRole", [Roles[role], account, executionDelays[role] ?? 0], {
        id: `grant_${role}`,
        after: wired,
      }),
    );
  }
  // Forced transfers: the regulator, with an execution delay, so each one is scheduled in the
  // manager (OperationScheduled: the holder and auditors see it coming) before it executes. A
  // freeze (REGULATOR) stays immediate.
  grants.push(
    m.call(
      manager,
      "grantRole",
      [Roles.FORCED_TRANSFER, operators.REGULATOR, m.getParameter("forcedTransferDelay", 0)],
      { id: "grant_FORCED_TRANSFER", after: wired },
    ),
  );
  // The deployer registers the suite's own contracts as custody modules.
  grants.push(
    m.call(manager, "grantRole", [Roles.MODULE_FACTORY, deployer, 0], { id: "grant_MODULE_FACTORY_deployer" }),
  );

  // Role names on chain (RoleLabel events): explorers and integrators see names, not numbers. The
  // manager refuses a label for ADMIN (and PUBLIC), whose names are fixed.
  for (const [role, id] of Object.entries(Roles)) {
    if (id === Roles.ADMIN) continue;
    m.call(manager, "labelRole", [id, role], { id: `label_${role}` });
  }

  const grantDelay = m.getParameter("grantDelay", 0);
  for (const role of SENSITIVE_ROLES) {
    m.call(manager, "setGrantDelay", [Roles[role], grantDelay], { id: `delay_${role}`, after: grants });
  }

  return { manager, registry, cash };
});
