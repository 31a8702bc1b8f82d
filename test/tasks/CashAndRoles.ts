import { expect } from "chai";

import { connect } from "../../src/index.js";
import { Roles } from "../../src/roles.js";
import { deployedSuite, ethers, failure, networkHelpers, resetProposals, run } from "./helpers.js";

async function withMembers() {
  const f = await deployedSuite();
  const suite = connect(f.addresses, ethers.provider);
  await run(["participants", "register"], { participant: "acme", kinds: "SME", kycExpiry: "2099-12-31" });
  await run(["participants", "register"], { participant: "tier1", kinds: "SME", kycExpiry: "2099-12-31" });
  return { ...f, suite };
}

describe("Tasks: cash", () => {
  it("mints in human units, prints the tx and the new balance", async () => {
    const f = await networkHelpers.loadFixture(withMembers);
    const { result, out } = await run(["cash", "mint"], { to: "acme", amount: "1,250.5" });
    expect(out).to.contain(`mint 1,250.50 to acme (${f.acme.address}): tx ${result}`);
    expect(out).to.contain(`balance of acme (${f.acme.address}): 1,250.50`);
    expect(await f.suite.cash.balanceOf(f.acme.address)).to.equal(125050n);
  });

  it("rejects malformed, negative, over-precise and zero amounts before sending", async () => {
    const f = await networkHelpers.loadFixture(withMembers);
    const block = await ethers.provider.getBlockNumber();
    for (const [amount, problem] of [
      ["1.234", "--amount: has more than 2 decimal places"],
      ["-5", "--amount: must not be negative"],
      ["12abc", "--amount: is not a decimal number like 1234.56"],
      ["1e3", "--amount: is not a decimal number like 1234.56"],
      ["0.00", "--amount: must be greater than zero"],
    ]) {
      const msg = await failure(["cash", "mint"], { to: "acme", amount });
      expect(msg).to.contain(problem).and.contain("no transaction sent");
    }
    expect(await failure(["cash", "mint"], { to: "outsider", amount: "1" })).to.equal(
      `--to: outsider (${f.outsider.address}) is not eligible to hold cash (NotRegistered); no transaction sent`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("decodes a revert found by the simulation (paused token) and sends nothing", async () => {
    const f = await networkHelpers.loadFixture(withMembers);
    await (await f.suite.cash.contract.connect(f.signers[3]).pause()).wait();
    const block = await ethers.provider.getBlockNumber();
    expect(await failure(["cash", "mint"], { to: "acme", amount: "10" })).to.equal(
      `mint 10.00 to acme (${f.acme.address}) would fail: EnforcedPause: the contract is paused by the guardian; no transaction sent`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("burns from the bank's balance and refuses more than it holds", async () => {
    const f = await networkHelpers.loadFixture(withMembers);
    await run(["participants", "register"], {
      participant: "bank-member",
      kinds: "BANK",
      kycExpiry: "2099-12-31",
      wallet: "bank",
    });
    await run(["cash", "mint"], { to: "bank", amount: "100" });
    expect(await failure(["cash", "burn"], { amount: "100.01" })).to.equal(
      `--amount: bank (${f.signers[2].address}) holds 100.00, less than 100.01; no transaction sent`,
    );
    const { out } = await run(["cash", "burn"], { amount: "40" });
    expect(out).to.contain("total supply: 60.00");
    expect(await f.suite.cash.balanceOf(f.signers[2].address)).to.equal(6000n);
  });

  it("lists balances of everyone known, or one wallet", async () => {
    const f = await networkHelpers.loadFixture(withMembers);
    await run(["cash", "mint"], { to: "tier1", amount: "7.5" });
    const all = await run(["cash", "balance"]);
    expect((all.result as Record<string, bigint>)[f.tier1.address]).to.equal(750n);
    expect(all.out).to.match(/outsider \(0x[0-9a-fA-F]{40}\)\s+0\.00\s+no \(NotRegistered\)/);
    const one = await run(["cash", "balance"], { of: "tier1" });
    expect(one.result).to.deep.equal({ [f.tier1.address]: 750n });
  });
});

describe("Tasks: roles", () => {
  it("grants a role through the consortium's multisig (propose, approve, execute) and shows holders with the on-chain wiring", async () => {
    const f = await networkHelpers.loadFixture(withMembers);
    resetProposals();
    const [registrar, bank] = [f.signers[1].address, f.signers[2].address];
    const proposed = await run(["roles", "grant"], { role: "guardian", to: "acme" });
    expect(proposed.out).to.contain(`proposal 0: grant GUARDIAN to acme (${f.acme.address}) (execution delay 0 s)`);
    expect(proposed.out).to.contain(`approvals 1 of 2: registrar (${registrar})`);
    expect((await f.suite.manager.contract.hasRole(Roles.GUARDIAN, f.acme.address))[0]).to.equal(false);
    // The proposer alone is one approval short: refused before sending.
    expect(await failure(["gov", "execute"], { nonce: "0" })).to.contain(
      "proposal 0 has 1 of the 2 approvals it needs",
    );
    const approved = await run(["gov", "approve"], { nonce: "0" });
    expect(approved.out).to.contain(`approvals 2 of 2: registrar (${registrar}), bank (${bank})`);
    const executed = await run(["gov", "execute"], { nonce: "0" });
    expect(executed.out).to.contain("execute proposal 0 as registrar");
    expect((await f.suite.manager.contract.hasRole(Roles.GUARDIAN, f.acme.address))[0]).to.equal(true);
    expect(await failure(["gov", "execute"], { nonce: "0" })).to.contain("proposal 0 is already executed");
    const show = await run(["roles", "show"]);
    const holders = show.result as Record<string, string[]>;
    expect(holders.GUARDIAN).to.have.members([f.signers[3].address, f.acme.address]);
    expect(holders.REGISTRAR).to.deep.equal([f.signers[1].address]);
    expect(holders.ADMIN).to.deep.equal([f.addresses["Consortium#Safe"]]);
    expect(show.out).to.contain("ParticipantRegistry.register(bytes32,uint16,uint40,bytes2,address)  REGISTRAR");
    expect(show.out).to.contain(`consortium multisig ${f.addresses["Consortium#Safe"]}: 2 of 3`);
    expect(show.out).to.match(/market +0x[0-9a-fA-F]{40} +0 s/);
    expect(show.out).to.not.contain("MISMATCH");
  });

  it("validates role names, duplicates and delays before sending", async () => {
    await networkHelpers.loadFixture(withMembers);
    expect(await failure(["roles", "grant"], { role: "janitor", to: "acme" })).to.contain(
      '--role: "janitor" is not a role; use one of ADMIN, REGISTRAR',
    );
    expect(await failure(["roles", "grant"], { role: "REGISTRAR", to: "registrar" })).to.match(
      /registrar \(0x[0-9a-fA-F]{40}\) already holds REGISTRAR; no transaction sent/,
    );
    expect(await failure(["roles", "grant"], { role: "GUARDIAN", to: "acme", delay: -1 })).to.contain(
      "--delay: -1 is not",
    );
    expect(await failure(["roles", "grant"], { role: "GUARDIAN", to: "acme", from: "tier1" })).to.match(
      /--from: tier1 \(0x[0-9a-fA-F]{40}\) is not an owner of the consortium multisig; no transaction sent/,
    );
  });
});
