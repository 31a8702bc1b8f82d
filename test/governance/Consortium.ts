import { expect } from "chai";
import { Contract, ZeroAddress, zeroPadValue } from "ethers";

import SuiteModule from "../../ignition/modules/Suite.js";
import { IGNITION_IDS } from "../../src/deployment.js";
import { connect } from "../../src/index.js";
import { Roles, type RoleName } from "../../src/roles.js";
import { SAFE_ARTIFACTS } from "../../src/safe.js";
import { deployFoundationOn } from "../helpers/foundation.js";
import { connection, DAY, ethers, networkHelpers } from "../helpers/fixtures.js";

const { loadFixture, time } = networkHelpers;
const DELAY = 2n * DAY;

/** The Suite through Ignition, with `adminDelay`; the consortium (signers 1..3, 2 of 3) as ADMIN. */
async function suiteWith(adminDelay: bigint) {
  const f = await deployFoundationOn(connection, { module: SuiteModule, parameters: { Suite: { adminDelay } } });
  const d = f.deployed as unknown as Record<string, { getAddress(): Promise<string> }>;
  const addresses: Record<string, string> = {};
  for (const k of [...Object.keys(IGNITION_IDS), "consortium"]) addresses[k] = await d[k].getAddress();
  const [owner1, owner2, owner3] = [f.ops.registrar, f.ops.settlementBank, f.ops.guardian];
  const as = (s: typeof owner1) => connect(addresses, s).consortium!;
  const safe = new Contract(addresses.consortium, SAFE_ARTIFACTS.SafeL2.abi as never, ethers.provider);
  return { ...f, addresses, owner1, owner2, owner3, as, safe, suite: connect(addresses, ethers.provider) };
}
const immediate = () => suiteWith(0n);
/** The Suite with a one-day execution delay on the fee admin. */
const feeDelayed = () => deployFoundationOn(connection, { module: SuiteModule, feeAdminDelay: DAY });
const governed = () => suiteWith(DELAY);
type F = Awaited<ReturnType<typeof suiteWith>>;

/** Proposes `to`/`data`, approves it by `approvers`, executes it as `executor`. */
async function run(f: F, to: string, data: string, approvers: F["owner1"][], executor: F["owner1"]) {
  const p = await f.as(executor).proposal(to, data);
  for (const a of approvers) await (await f.as(a).contract.approveHash(p.hash)).wait();
  const plan = await f.as(executor).executePlan(p, executor.address);
  return plan.send();
}

describe("Consortium governance (issue 13)", () => {
  describe("the hand-over at deployment", () => {
    it("the consortium's Safe holds ADMIN and the deployer holds no role at all", async () => {
      const f = await loadFixture(governed);
      const deployer = f.ops.deployer.address;
      for (const role of Object.keys(Roles) as RoleName[]) {
        expect((await f.manager.hasRole(Roles[role], deployer))[0], role).to.equal(false);
      }
      expect(await f.manager.hasRole(Roles.ADMIN, f.addresses.consortium)).to.deep.equal([true, DELAY]);
      const c = f.suite.consortium!;
      expect(await c.owners()).to.deep.equal([f.owner1.address, f.owner2.address, f.owner3.address]);
      expect(await c.threshold()).to.equal(2n);
      expect(await c.nonce()).to.equal(0n);
      // The Safe has no module and no guard that could bypass its owners.
      const [modules] = await f.safe.getModulesPaginated("0x0000000000000000000000000000000000000001", 10);
      expect(modules).to.deep.equal([]);
      // The deployer's direct admin act is refused.
      await expect(f.manager.connect(f.ops.deployer).grantRole(Roles.GUARDIAN, deployer, 0))
        .to.be.revertedWithCustomError(f.manager, "AccessManagerUnauthorizedAccount")
        .withArgs(deployer, Roles.ADMIN);
    });
  });

  describe("the multisig threshold", () => {
    it("one owner's approval is not enough; two execute", async () => {
      const f = await loadFixture(immediate);
      const newcomer = f.signers[12].address;
      const data = f.manager.interface.encodeFunctionData("grantRole", [Roles.GUARDIAN, newcomer, 0]);
      const p = await f.as(f.owner1).proposal(f.addresses.manager, data);
      await expect(f.as(f.owner1).contract.approveHash(p.hash))
        .to.emit(f.safe, "ApproveHash")
        .withArgs(p.hash, f.owner1.address);
      // The SDK refuses before sending: the executor is the only approver.
      await expect(f.as(f.owner1).executePlan(p, f.owner1.address)).to.be.rejectedWith(
        "proposal 0 has 1 of the 2 approvals it needs",
      );
      // On chain: one pre-validated signature is too short (GS020); a forged second owner is refused (GS025).
      const one = zeroPadValue(f.owner1.address, 32) + "0".repeat(64) + "01";
      const t = p.tx;
      const exec = (sigs: string) =>
        f.as(f.owner1).contract.execTransaction(t.to, 0, t.data, 0, 0, 0, 0, ZeroAddress, ZeroAddress, sigs);
      await expect(exec(one)).to.be.revertedWith("GS020");
      const [lo, hi] = [f.owner1.address, f.owner3.address].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
      const two = "0x" + [lo, hi].map((a) => zeroPadValue(a, 32).slice(2) + "0".repeat(64) + "01").join("");
      // owner3 has not approved: its pre-validated signature is refused.
      await expect(exec(two)).to.be.revertedWith("GS025");
      expect((await f.manager.hasRole(Roles.GUARDIAN, newcomer))[0]).to.equal(false);
      // A non-owner cannot approve.
      await expect(f.as(f.signers[12]).contract.approveHash(p.hash)).to.be.revertedWith("GS030");
      // The second owner executes (counting as the second approval).
      const plan = await f.as(f.owner2).executePlan(p, f.owner2.address);
      const tx = await plan.send();
      const at = BigInt((await ethers.provider.getBlock((await tx.wait())!.blockNumber))!.timestamp);
      await expect(tx).to.emit(f.manager, "RoleGranted").withArgs(Roles.GUARDIAN, newcomer, 0, at, true);
      await expect(tx).to.emit(f.safe, "ExecutionSuccess").withArgs(p.hash, 0n);
      expect(await f.suite.consortium!.nonce()).to.equal(1n);
      await expect(f.as(f.owner2).executePlan(p, f.owner2.address)).to.be.rejectedWith("already executed");
    });
  });

  describe("the admin's delay (the mint re-wiring attack)", () => {
    it("re-pointing SettlementToken.mint is scheduled, visible with its ETA, refused before it, cancellable", async () => {
      const f = await loadFixture(governed);
      const cash = f.addresses.cash;
      const mint = f.cash.interface.getFunction("mint")!.selector;
      // The attack as measured on 53cbaf4 (one call by the admin, then mint at once) needs the Safe now,
      // and even the Safe can only schedule it.
      const data = f.manager.interface.encodeFunctionData("setTargetFunctionRole", [cash, [mint], Roles.ADMIN]);
      const c = f.as(f.owner1);
      const step = await c.adminStep(f.addresses.manager, data);
      expect(step).to.deep.include({ to: f.addresses.manager, scheduled: true, delay: DELAY });
      await expect(run(f, f.addresses.manager, data, [], f.owner1)).to.be.rejectedWith("1 of the 2 approvals");
      // Executed directly by the Safe (2 of 3), the unscheduled call is refused (Safe 1.5 bubbles
      // the inner revert up).
      const opId = await f.manager.hashOperation(f.addresses.consortium, f.addresses.manager, data);
      const p0 = await c.proposal(f.addresses.manager, data);
      await (await f.as(f.owner2).contract.approveHash(p0.hash)).wait();
      await expect((await c.executePlan(p0, f.owner1.address)).send())
        .to.be.revertedWithCustomError(f.manager, "AccessManagerNotScheduled")
        .withArgs(opId);

      const tx = await run(f, step.to, step.data, [f.owner2], f.owner1);
      const at = BigInt((await ethers.provider.getBlock((await tx.wait())!.blockNumber))!.timestamp);
      await expect(tx)
        .to.emit(f.manager, "OperationScheduled")
        .withArgs(opId, 1n, at + DELAY, f.addresses.consortium, f.addresses.manager, data);
      const pending = await f.suite.manager.scheduled();
      expect(pending).to.have.length(1);
      expect(pending[0]).to.deep.include({ id: opId, when: at + DELAY, caller: f.addresses.consortium });
      expect(pending[0].description).to.equal(`AccessManager.setTargetFunctionRole(${cash}, [${mint}], 0)`);
      // Nobody else can execute it, and the consortium not before the ETA.
      await expect(f.manager.connect(f.owner1).execute(f.addresses.manager, data))
        .to.be.revertedWithCustomError(f.manager, "AccessManagerUnauthorizedCall")
        .withArgs(f.owner1.address, f.addresses.manager, data.slice(0, 10));
      const exec = c.executeStep(f.addresses.manager, data);
      const pExec = await c.proposal(exec.to, exec.data);
      await (await f.as(f.owner3).contract.approveHash(pExec.hash)).wait();
      await expect((await c.executePlan(pExec, f.owner1.address)).send())
        .to.be.revertedWithCustomError(f.manager, "AccessManagerNotReady")
        .withArgs(opId);
      // Everyone saw it coming: the consortium (any 2 owners) cancels it.
      const cancel = c.cancelStep(pending[0]);
      await expect(run(f, cancel.to, cancel.data, [f.owner3], f.owner2))
        .to.emit(f.manager, "OperationCanceled")
        .withArgs(opId, 1n);
      expect(await f.suite.manager.scheduled()).to.deep.equal([]);
      await time.increase(DELAY);
      expect(await f.manager.getTargetFunctionRole(cash, mint)).to.equal(Roles.SETTLEMENT_BANK);
    });

    it("a scheduled grant executes after the delay, by a second proposal", async () => {
      const f = await loadFixture(governed);
      const newcomer = f.signers[12].address;
      const data = f.manager.interface.encodeFunctionData("grantRole", [Roles.GUARDIAN, newcomer, 0]);
      const c = f.as(f.owner1);
      const step = await c.adminStep(f.addresses.manager, data);
      await (await run(f, step.to, step.data, [f.owner3], f.owner1)).wait();
      const [op] = await f.suite.manager.scheduled();
      await time.increaseTo(op.when);
      const exec = c.executeStep(op.target, op.data);
      await expect(run(f, exec.to, exec.data, [f.owner2], f.owner3))
        .to.emit(f.manager, "OperationExecuted")
        .withArgs(op.id, 1n)
        .and.to.emit(f.manager, "RoleGranted");
      expect((await f.manager.hasRole(Roles.GUARDIAN, newcomer))[0]).to.equal(true);
      expect(await f.suite.manager.scheduled()).to.deep.equal([]);
    });

    it("every target carries the admin delay once OpenZeppelin's setback has passed", async () => {
      const f = await loadFixture(governed);
      await time.increase(await f.manager.minSetback());
      for (const k of ["registry", "cash", "receivables", "market", "bondFactory", "productFactory"]) {
        expect(await f.manager.getTargetAdminDelay(f.addresses[k]), k).to.equal(DELAY);
      }
    });
  });

  describe("operator delays (fee changes)", () => {
    it("a fee change by the fee admin is refused unscheduled, waits its delay, and can be cancelled", async () => {
      const f = await loadFixture(feeDelayed);
      const d = f.deployed as unknown as Record<string, { getAddress(): Promise<string> }>;
      const market = await ethers.getContractAt("FactoringMarket", await d.market.getAddress());
      const target = await market.getAddress();
      const feeAdmin = f.ops.feeAdmin;
      expect(await f.manager.hasRole(Roles.FEE_ADMIN, feeAdmin.address)).to.deep.equal([true, DAY]);
      const treasury = f.signers[9].address;
      await f.register("91310000TREASURY1X", treasury, "EXCHANGE");
      const data = market.interface.encodeFunctionData("setTreasury", [treasury]);
      const opId = await f.manager.hashOperation(feeAdmin.address, target, data);
      await expect(market.connect(feeAdmin).setTreasury(treasury))
        .to.be.revertedWithCustomError(f.manager, "AccessManagerNotScheduled")
        .withArgs(opId);
      const tx = await f.manager.connect(feeAdmin).schedule(target, data, 0);
      const at = BigInt((await ethers.provider.getBlock((await tx.wait())!.blockNumber))!.timestamp);
      await expect(tx)
        .to.emit(f.manager, "OperationScheduled")
        .withArgs(opId, 1n, at + DAY, feeAdmin.address, target, data);
      await expect(f.manager.connect(feeAdmin).execute(target, data))
        .to.be.revertedWithCustomError(f.manager, "AccessManagerNotReady")
        .withArgs(opId);
      await time.increaseTo(at + DAY);
      await expect(f.manager.connect(feeAdmin).execute(target, data))
        .to.emit(f.manager, "OperationExecuted")
        .withArgs(opId, 1n);
      expect(await market.treasury()).to.equal(treasury);
      // A second change, cancelled by its scheduler: it never applies.
      const data2 = market.interface.encodeFunctionData("setFee", [500]);
      await (await f.manager.connect(feeAdmin).schedule(target, data2, 0)).wait();
      const op2 = await f.manager.hashOperation(feeAdmin.address, target, data2);
      await expect(f.manager.connect(feeAdmin).cancel(feeAdmin.address, target, data2))
        .to.emit(f.manager, "OperationCanceled")
        .withArgs(op2, 1n);
      await time.increase(DAY);
      await expect(f.manager.connect(feeAdmin).execute(target, data2))
        .to.be.revertedWithCustomError(f.manager, "AccessManagerNotScheduled")
        .withArgs(op2);
      expect(await market.feeBps()).to.equal(0n);
    });
  });
});
