import { expect } from "chai";

import { connect } from "../../src/index.js";
import { Roles } from "../../src/roles.js";
import { deployedSuite, ethers, failure, networkHelpers, resetProposals, run } from "./helpers.js";

const DAY = 86400n;
const DELAY = 2n * DAY;
const ORDER = ethers.id("court order 2026-301");

/** The Suite with a 2-day admin delay and forced-transfer delay; acme and tier1 registered, acme funded. */
async function governedSuite() {
  const f = await deployedSuite({ adminDelay: DELAY, forcedTransferDelay: DELAY, assetAdminDelay: DAY });
  const suite = connect(f.addresses, ethers.provider);
  await run(["participants", "register"], { participant: "acme", kinds: "SME", kycExpiry: "2099-12-31" });
  await run(["participants", "register"], { participant: "tier1", kinds: "SME", kycExpiry: "2099-12-31" });
  await run(["cash", "mint"], { to: "acme", amount: "1000" });
  return { ...f, suite, safe: f.addresses["Consortium#Safe"] };
}

async function fixture() {
  const f = await networkHelpers.loadFixture(governedSuite);
  resetProposals();
  return f;
}

describe("Tasks: governance (gov, issue 13)", () => {
  it("a grant with the admin delay: proposed, approved, scheduled with its ETA, executed by a second proposal after it", async () => {
    const f = await fixture();
    const registrar = f.signers[1].address;
    const proposed = await run(["roles", "grant"], { role: "guardian", to: "acme" });
    expect(proposed.out).to.contain(`proposal 0: schedule grant GUARDIAN to acme (${f.acme.address})`);
    expect(proposed.out).to.contain(`scheduled in the AccessManager for ${DELAY} s before it can be executed`);
    expect(proposed.out).to.contain(`approvals 1 of 2: registrar (${registrar})`);
    let pending = (await run(["gov", "pending"])).result as {
      proposals: { nonce: string; description: string; approvals: string[] }[];
      operations: { id: string; when: bigint; caller: string; description: string }[];
    };
    expect(pending.proposals).to.deep.equal([
      {
        nonce: "0",
        description: `schedule grant GUARDIAN to acme (${f.acme.address}) (execution delay 0 s)`,
        approvals: [registrar],
      },
    ]);
    expect(pending.operations).to.deep.equal([]);

    await run(["gov", "approve"], { nonce: "0" });
    const executed = await run(["gov", "execute"], { nonce: "0" });
    const data = f.suite.manager.contract.interface.encodeFunctionData("grantRole", [
      Roles.GUARDIAN,
      f.acme.address,
      0,
    ]);
    const opId = await f.suite.manager.contract.hashOperation(f.safe, f.addresses["Foundation#AccessManager"], data);
    expect(executed.out).to.contain(`scheduled operation ${opId}`);
    expect(executed.out).to.contain(`then: gov propose --execute ${opId}`);
    expect((await f.suite.manager.contract.hasRole(Roles.GUARDIAN, f.acme.address))[0]).to.equal(false);

    const shown = await run(["gov", "pending"]);
    pending = shown.result as typeof pending;
    expect(pending.proposals).to.deep.equal([]);
    expect(pending.operations).to.have.length(1);
    const op = pending.operations[0];
    expect(op).to.deep.include({ id: opId, caller: f.safe });
    expect(op.description).to.equal(`AccessManager.grantRole(${Roles.GUARDIAN}, ${f.acme.address}, 0)`);
    expect(op.when).to.equal(await f.suite.manager.contract.getSchedule(opId));
    expect(shown.out).to.contain(`in ${DELAY} s`);

    // Before the ETA the execution proposal is refused, with the time it becomes possible.
    expect(await failure(["gov", "propose"], { execute: opId })).to.contain(
      `--execute: operation ${opId} is executable from ${new Date(Number(op.when) * 1000).toISOString()}`,
    );
    await networkHelpers.time.increaseTo(op.when);
    const second = await run(["gov", "propose"], { execute: opId });
    expect(second.out).to.contain(
      `proposal 1: execute AccessManager.grantRole(${Roles.GUARDIAN}, ${f.acme.address}, 0)`,
    );
    await run(["gov", "approve"], { nonce: "1" });
    await run(["gov", "execute"], { nonce: "1" });
    expect((await f.suite.manager.contract.hasRole(Roles.GUARDIAN, f.acme.address))[0]).to.equal(true);
    expect(((await run(["gov", "pending"])).result as typeof pending).operations).to.deep.equal([]);
  });

  it("the consortium cancels its own scheduled act; the regulator cancels its scheduled forced transfer", async () => {
    const f = await fixture();
    await run(["roles", "grant"], { role: "guardian", to: "acme" });
    await run(["gov", "approve"], { nonce: "0" });
    await run(["gov", "execute"], { nonce: "0" });
    const regulator = f.signers[4];
    const cash = f.suite.cash.contract;
    const forced = cash.interface.encodeFunctionData("forcedTransfer", [
      f.acme.address,
      f.tier1.address,
      400_00n,
      ORDER,
    ]);
    await (await f.suite.manager.contract.connect(regulator).schedule(await cash.getAddress(), forced, 0)).wait();
    const ops = await f.suite.manager.scheduled();
    expect(ops.map((o) => o.description)).to.deep.equal([
      `AccessManager.grantRole(${Roles.GUARDIAN}, ${f.acme.address}, 0)`,
      `SettlementToken.forcedTransfer(${f.acme.address}, ${f.tier1.address}, 40000, ${ORDER})`,
    ]);
    const [ours, theirs] = ops;
    // The consortium's operation is cancelled by the consortium (a proposal), not by one account.
    expect(await failure(["gov", "cancel"], { operation: ours.id })).to.contain(
      `cancel it with gov propose --cancel ${ours.id}`,
    );
    await run(["gov", "propose"], { cancel: ours.id });
    await run(["gov", "approve"], { nonce: "1" });
    await run(["gov", "execute"], { nonce: "1" });
    // The regulator's forced transfer: the holder saw it coming; the regulator withdraws it.
    const cancelled = await run(["gov", "cancel"], { operation: theirs.id });
    expect(cancelled.out).to.contain(`cancel SettlementToken.forcedTransfer(`);
    expect(await f.suite.manager.scheduled()).to.deep.equal([]);
    await networkHelpers.time.increase(DELAY);
    await expect(f.suite.manager.contract.connect(regulator).execute(await cash.getAddress(), forced))
      .to.be.revertedWithCustomError(f.suite.manager.contract, "AccessManagerNotScheduled")
      .withArgs(theirs.id);
    expect((await f.suite.manager.contract.hasRole(Roles.GUARDIAN, f.acme.address))[0]).to.equal(false);
  });

  it("refuses bad input and out-of-turn steps before sending anything", async () => {
    const f = await fixture();
    const block = await ethers.provider.getBlockNumber();
    expect(await failure(["gov", "propose"])).to.contain(
      "give either --to and --data, or --execute <operation>, or --cancel <operation>, or --reject <proposal>",
    );
    expect(await failure(["gov", "propose"], { to: "manager", data: "0x12" })).to.contain(
      '--data: "0x12" is not calldata',
    );
    expect(await failure(["gov", "propose"], { execute: "0x1234" })).to.contain(
      '--execute: "0x1234" is not an operation id',
    );
    expect(await failure(["gov", "propose"], { cancel: ethers.ZeroHash })).to.contain(
      `--cancel: no pending scheduled operation ${ethers.ZeroHash}`,
    );
    expect(await failure(["gov", "approve"], { nonce: "9" })).to.contain("--nonce: no proposal 9 in");
    expect(await failure(["gov", "approve"], { nonce: "x" })).to.contain('--nonce: "x" is not a proposal number');
    expect(await failure(["gov", "cancel"], { operation: "" })).to.contain("--operation is required");
    // A call the consortium may not make at all (a wired function of another role).
    const mint = f.suite.cash.contract.interface.encodeFunctionData("mint", [f.acme.address, 1n]);
    expect(await failure(["gov", "propose"], { to: "cash", data: mint })).to.contain(
      "the multisig may not call SettlementToken.mint(",
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);

    await run(["roles", "grant"], { role: "guardian", to: "acme" });
    expect(await failure(["gov", "approve"], { nonce: "0", from: "registrar" })).to.match(
      /registrar \(0x[0-9a-fA-F]{40}\) already approved proposal 0/,
    );
    expect(await failure(["gov", "approve"], { nonce: "0", from: "acme" })).to.contain(
      "is not an owner of the consortium multisig",
    );
    // A proposal file edited after its approval is refused.
    const { readFileSync, writeFileSync } = await import("node:fs");
    const { default: path } = await import("node:path");
    const file = path.join(process.env.SCF_DEPLOYMENTS_DIR!, "tasks-test", "governance", "0.json");
    const original = readFileSync(file, "utf8");
    const edited = JSON.parse(original) as { tx: { data: string } };
    edited.tx.data = f.suite.manager.contract.interface.encodeFunctionData("schedule", [
      f.addresses["Foundation#AccessManager"],
      f.suite.manager.contract.interface.encodeFunctionData("grantRole", [Roles.GUARDIAN, f.tier1.address, 0]),
      0,
    ]);
    writeFileSync(file, JSON.stringify(edited));
    expect(await failure(["gov", "execute"], { nonce: "0" })).to.contain("does not match its hash");
    writeFileSync(file, original);
  });

  it("an operator's delayed act (the asset admin's currency approval): the first run schedules, an early run is refused, a run after the delay executes", async () => {
    const f = await fixture();
    const cash = f.addresses["Foundation#SettlementToken"];
    const factory = f.addresses["Bonds#BondFactory"];
    const first = await run(["bond", "approve-currency"]);
    expect(first.out).to.contain(`schedule approve ${cash} as a bond currency (execution delay ${DAY} s)`);
    const assetAdmin = f.signers[6].address;
    const data = f.suite.bonds.factory.interface.encodeFunctionData("setCurrencyApproved", [cash, true]);
    const opId = await f.suite.manager.contract.hashOperation(assetAdmin, factory, data);
    const eta = await f.suite.manager.contract.getSchedule(opId);
    expect(first.out).to.contain(
      `scheduled operation ${opId}: executable from ${new Date(Number(eta) * 1000).toISOString()}`,
    );
    expect(await f.suite.bonds.isCurrencyApproved(cash)).to.equal(false);
    const [op] = await f.suite.manager.scheduled();
    expect(op).to.deep.include({
      id: opId,
      caller: assetAdmin,
      when: eta,
      description: `BondFactory.setCurrencyApproved(${cash}, true)`,
    });
    const block = await ethers.provider.getBlockNumber();
    expect(await failure(["bond", "approve-currency"])).to.contain(
      `approve ${cash} as a bond currency is scheduled (operation ${opId}) and executable from ${new Date(Number(eta) * 1000).toISOString()}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    await networkHelpers.time.increaseTo(eta);
    const done = await run(["bond", "approve-currency"]);
    expect(done.out).to.contain(`execute approve ${cash} as a bond currency (scheduled operation ${opId})`);
    expect(done.out).to.contain("approved for new bonds: true");
    expect(await f.suite.bonds.isCurrencyApproved(cash)).to.equal(true);
    expect(await f.suite.manager.scheduled()).to.deep.equal([]);
  });

  it("a proposal nobody wants is rejected at its nonce (Safe's rejection), so the ones after it can execute", async () => {
    const f = await fixture();
    await run(["roles", "grant"], { role: "guardian", to: "acme" }); // proposal 0
    await run(["roles", "grant"], { role: "guardian", to: "tier1" }); // proposal 1, queued behind 0
    expect(await failure(["gov", "execute"], { nonce: "1", from: "bank" })).to.contain(
      "proposal 1 waits for proposal 0 to execute first",
    );
    const rejected = await run(["gov", "propose"], { reject: "0", from: "bank" });
    expect(rejected.out).to.contain("proposal 0: reject proposal 0 (no effect; uses its nonce)");
    await run(["gov", "execute"], { nonce: "0", from: "guardian" });
    expect(await f.suite.consortium!.nonce()).to.equal(1n);
    expect(await failure(["gov", "approve"], { nonce: "0" })).to.contain("proposal 0 is already executed or replaced");
    expect(await failure(["gov", "propose"], { reject: "0" })).to.contain("proposal 0 is already executed or replaced");
    // The grant to acme never happens; the one queued behind it goes on.
    await run(["gov", "approve"], { nonce: "1", from: "bank" });
    await run(["gov", "execute"], { nonce: "1", from: "bank" });
    const pending = ((await run(["gov", "pending"])).result as { operations: { description: string }[] }).operations;
    expect(pending.map((o) => o.description)).to.deep.equal([
      `AccessManager.grantRole(${Roles.GUARDIAN}, ${f.tier1.address}, 0)`,
    ]);
  });
});
