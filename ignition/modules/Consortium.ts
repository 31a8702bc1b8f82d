import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { SAFE_ARTIFACTS } from "../../src/safe.js";

const ZERO = "0x0000000000000000000000000000000000000000";

/**
 * The consortium's M-of-N multisig (issue 13): a Safe (SafeL2 1.5.0 singleton, its proxy factory
 * and one proxy) whose owners are consortium members' signing keys. The Suite hands the
 * AccessManager's ADMIN role to it and the deployer renounces its own.
 *
 * Parameters (Consortium):
 * - owners: the members' signing addresses (at least `threshold` of them, no duplicates)
 * - threshold: approvals a transaction needs (2 of 3 in the example parameters)
 *
 * The Safe is set up with no modules, no guard and no fallback handler: it only executes
 * transactions approved by `threshold` owners (on chain with `approveHash`, or signed).
 */
export default buildModule("Consortium", (m) => {
  const owners = m.getParameter<string[]>("owners");
  const threshold = m.getParameter<bigint>("threshold");
  const singleton = m.contract("SafeL2", SAFE_ARTIFACTS.SafeL2, []);
  const factory = m.contract("SafeProxyFactory", SAFE_ARTIFACTS.SafeProxyFactory, []);
  const setup = m.encodeFunctionCall(singleton, "setup", [owners, threshold, ZERO, "0x", ZERO, ZERO, 0, ZERO]);
  const created = m.call(factory, "createProxyWithNonce", [singleton, setup, 0], { id: "create_Safe" });
  const proxy = m.readEventArgument(created, "ProxyCreation", "proxy");
  const safe = m.contractAt("SafeL2", SAFE_ARTIFACTS.SafeL2, proxy, { id: "Safe" });
  return { safe };
});
