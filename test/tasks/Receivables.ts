import { expect } from "chai";

import { formatRootId, tokenIdOf } from "../../src/index.js";
import { ethers, failure, networkHelpers, run } from "./helpers.js";
import { payable, receivableMembers } from "./receivablesSetup.js";

const NOT_SENT = "no transaction sent";

describe("Tasks: receivable", () => {
  it("issues a confirmed payable in human units and prints the tx, the id and the state", async () => {
    const f = await networkHelpers.loadFixture(receivableMembers);
    const { result, out } = await run(["receivable", "issue"], {
      from: "acme",
      creditor: "tier1",
      amount: "1,000,000.00",
      due: f.due,
      invoice: "INV-1",
      documentUri: "ipfs://INV-1",
    });
    const { hash, rootId } = result as { hash: string; rootId: bigint };
    expect(rootId).to.equal(await f.suite.receivables.fingerprint("INV-1", f.tier1.address, f.acme.address));
    expect(out).to.contain(`issue payable 1,000,000.00 to tier1 (${f.tier1.address}), due ${f.due}: tx ${hash}`);
    expect(out).to.contain(`receivable id ${formatRootId(rootId)} (invoice "INV-1")`);
    expect(out).to.contain("state Confirmed (stored Confirmed), face 1,000,000.00, paid 0.00");
    expect(out).to.match(/\/0\s+tier1 \(0x[0-9a-fA-F]{40}\)\s+0\s+1,000,000\.00/);
    const root = (await f.suite.receivables.root(rootId))!;
    expect(root).to.include({
      face: 100_000_000n,
      creditor: f.tier1.address,
      debtor: f.acme.address,
      state: "Confirmed",
    });
  });

  it("issues pending, the debtor confirms; rejects another; a verifier attests", async () => {
    const f = await networkHelpers.loadFixture(receivableMembers);
    const a = await run(["receivable", "issue"], {
      from: "tier1",
      debtor: "acme",
      amount: "250",
      due: f.due,
      invoice: "A",
    });
    const rootA = (a.result as { rootId: bigint }).rootId;
    expect(a.out).to.contain("state Pending");
    expect(await failure(["receivable", "confirm"], { from: "tier1", root: formatRootId(rootA) })).to.equal(
      `--from: only the debtor acme (${f.acme.address}) may confirm ${formatRootId(rootA)}; ${NOT_SENT}`,
    );
    const c = await run(["receivable", "confirm"], { from: "acme", root: formatRootId(rootA) });
    expect(c.out).to.contain(`confirm receivable ${formatRootId(rootA)}: tx ${c.result}`);
    expect((await f.suite.receivables.root(rootA))!.state).to.equal("Confirmed");

    const b = await run(["receivable", "issue"], {
      from: "tier1",
      debtor: "acme",
      amount: "10",
      due: f.due,
      invoice: "B",
    });
    const rootB = (b.result as { rootId: bigint }).rootId;
    const r = await run(["receivable", "reject"], { from: "acme", root: formatRootId(rootB), reason: "not delivered" });
    expect(r.out).to.contain("state Rejected");
    expect(await f.suite.receivables.isFingerprintUsed(rootB)).to.equal(false);

    const t = await run(["receivable", "attest"], {
      from: "verifier",
      root: formatRootId(rootA),
      kind: "CUSTOMS_DECLARATION",
      evidence: "declaration 310120270000123",
    });
    expect(t.out).to.contain(`attestation #0 CUSTOMS_DECLARATION by verifier (${f.verifier.address})`);
    const att = await f.suite.receivables.attestations(rootA);
    expect(att[0]).to.include({ author: f.verifier.address, hash: ethers.id("declaration 310120270000123") });
    expect(
      await failure(["receivable", "attest"], { from: "tier1", root: formatRootId(rootA), kind: "X", evidence: "y" }),
    ).to.equal(
      `--from: tier1 (${f.tier1.address}) is not an eligible verifier (None, kind VERIFIER needed); ${NOT_SENT}`,
    );
  });

  it("sends value, splits, repays (approving first), claims and shows holders", async () => {
    const f = await networkHelpers.loadFixture(receivableMembers);
    const rootId = await payable(f.due);
    const root = formatRootId(rootId);
    const sv = await run(["receivable", "send-value"], {
      from: "tier1",
      fragment: `${root}/0`,
      to: "tier2",
      amount: "400,000.00",
    });
    expect(sv.out).to.contain(`send 400,000.00 of ${root}/0 to tier2 (${f.tier2.address}): tx ${sv.result}`);
    await run(["receivable", "split"], { from: "tier1", fragment: `${root}/0`, parts: "500,000.00 100,000.00" });
    const rp = await run(["receivable", "repay"], { from: "acme", root, amount: "600,000.00" });
    expect(rp.out).to.contain("approve the receivables contract for 600,000.00: tx");
    expect(rp.out).to.contain(`repay 600,000.00 on receivable ${root}: tx ${rp.result}`);
    expect(rp.out).to.contain("state PartiallyPaid");
    const cl = await run(["receivable", "claim"], { from: "tier1", root });
    expect(cl.result).to.have.length(2);
    expect(cl.out).to.contain(`claim 300,000.00 on ${root}/0: tx`);
    expect(cl.out).to.contain(`claim 60,000.00 on ${root}/2: tx`);
    expect(cl.out).to.contain(`cash balance of tier1 (${f.tier1.address}): 360,000.00`);
    expect(await failure(["receivable", "claim"], { from: "tier1", fragment: `${root}/0` })).to.equal(
      `nothing to claim: ${root}/0 owed 0.00 (paid so far 600,000.00); ${NOT_SENT}`,
    );
    const show = await run(["receivable", "show"], { root });
    expect(show.out).to.match(/\/1\s+tier2 \(0x[0-9a-fA-F]{40}\)\s+1\s+400,000\.00\s+240,000\.00\s+0\.00/);
    expect(show.out).to.match(/\/0\s+tier1 \(0x[0-9a-fA-F]{40}\)\s+0\s+500,000\.00\s+0\.00\s+300,000\.00/);
    expect(await f.suite.cash.balanceOf(f.tier1.address)).to.equal(36_000_000n);
    expect(await f.suite.receivables.claimable(tokenIdOf(rootId, 1))).to.equal(24_000_000n);
  });

  it("dry runs simulate and send nothing", async () => {
    const f = await networkHelpers.loadFixture(receivableMembers);
    const rootId = await payable(f.due);
    const block = await ethers.provider.getBlockNumber();
    const sv = await run(["receivable", "send-value"], {
      from: "tier1",
      fragment: `${formatRootId(rootId)}/0`,
      to: "tier2",
      amount: "1.00",
      dryRun: true,
    });
    expect(sv.out).to.match(/^dry run: send 1\.00 of .* would succeed \(gas \d+\); no transaction sent$/m);
    const rp = await run(["receivable", "repay"], {
      from: "acme",
      root: formatRootId(rootId),
      amount: "1",
      dryRun: true,
    });
    expect(rp.out).to.contain("dry run: then repay 1.00 on");
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("refuses bad input with readable messages before sending anything", async () => {
    const f = await networkHelpers.loadFixture(receivableMembers);
    const rootId = await payable(f.due);
    const root = formatRootId(rootId);
    const block = await ethers.provider.getBlockNumber();
    const issue = (over: Record<string, unknown>) =>
      failure(["receivable", "issue"], {
        from: "acme",
        creditor: "tier1",
        amount: "10",
        due: f.due,
        invoice: "Z",
        ...over,
      });
    expect(await issue({ due: "2020-01-01" })).to.match(
      /^--due: 2020-01-01 is not in the future \(chain time .*\); no transaction sent$/,
    );
    expect(await issue({ amount: "10.001" })).to.equal(
      `--amount: has more than 2 decimal places (got "10.001"); ${NOT_SENT}`,
    );
    expect(await issue({ creditor: "0x1234" })).to.equal(
      `--creditor: "0x1234" is neither a 0x address nor a name in the address book ${(await import("./helpers.js")).BOOK}; ${NOT_SENT}`,
    );
    expect(await issue({ creditor: "outsider" })).to.equal(
      `--creditor: outsider (${f.outsider.address}) is not eligible (NotRegistered); ${NOT_SENT}`,
    );
    expect(await issue({ invoice: "INV-1" })).to.equal(
      `--invoice: invoice "INV-1" between these parties is already receivable ${root} (no double financing); ${NOT_SENT}`,
    );
    expect(await issue({ debtor: "tier2" })).to.contain("give exactly one of --debtor");
    expect(await failure(["receivable", "show"], { root: "0xabcdef" })).to.equal(
      `--root: receivable ${formatRootId(0xabcdefn)} is unknown on deployment tasks-test; ${NOT_SENT}`,
    );
    expect(await failure(["receivable", "repay"], { from: "acme", root: "nope", amount: "1" })).to.contain(
      `--root: is not a receivable id`,
    );
    expect(await failure(["receivable", "repay"], { from: "acme", root, amount: "1,000,000.01" })).to.equal(
      `--amount: 1,000,000.01 is more than the 1,000,000.00 outstanding; ${NOT_SENT}`,
    );
    expect(
      await failure(["receivable", "send-value"], {
        from: "tier1",
        fragment: `${root}/0`,
        to: "outsider",
        amount: "1",
      }),
    ).to.equal(`--to: outsider (${f.outsider.address}) is not eligible (NotRegistered); ${NOT_SENT}`);
    expect(
      await failure(["receivable", "send-value"], { from: "tier2", fragment: `${root}/0`, to: "tier2", amount: "1" }),
    ).to.equal(
      `--from: tier2 (${f.tier2.address}) does not hold fragment ${root}/0 (held by tier1 (${f.tier1.address})); ${NOT_SENT}`,
    );
    expect(await failure(["receivable", "split"], { from: "tier1", fragment: `${root}/0`, parts: "1 2" })).to.equal(
      `--parts: add up to 3.00 but fragment ${root}/0 is worth 1,000,000.00; ${NOT_SENT}`,
    );
    expect(await failure(["receivable", "claim"], { from: "tier1", root })).to.contain("nothing to claim");
    expect(await failure(["receivable", "confirm"], { from: "acme", root })).to.equal(
      `--root: receivable ${root} is Confirmed, not Pending; ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("attack (issue 18, finding 1): send-value from a suspended holder is refused, nothing sent", async () => {
    const f = await networkHelpers.loadFixture(receivableMembers);
    const rootId = await payable(f.due);
    const registry = f.suite.registry.contract;
    const tier1Id = await registry.participantOf(f.tier1.address);
    await (await registry.connect(f.signers[1]).suspend(tier1Id, ethers.encodeBytes32String("AML review"))).wait();
    const block = await ethers.provider.getBlockNumber();
    const out = await failure(["receivable", "send-value"], {
      from: "tier1",
      fragment: `${formatRootId(rootId)}/0`,
      to: "tier2",
      amount: "999,999.00",
    });
    // On 53cbaf4 the task reported "would succeed" and the transfer went through.
    expect(out).to.contain("Suspended");
    expect(out).to.contain(f.tier1.address);
    expect(out).to.match(/; no transaction sent$/);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect(await f.suite.receivables.contract.balanceOf(f.tier2.address)).to.equal(0n);
  });

  it("decodes a revert found by the simulation (paused contract) and sends nothing", async () => {
    const f = await networkHelpers.loadFixture(receivableMembers);
    const rootId = await payable(f.due);
    await (await f.suite.receivables.contract.connect(f.signers[3]).pause()).wait();
    const block = await ethers.provider.getBlockNumber();
    expect(
      await failure(["receivable", "send-value"], {
        from: "tier1",
        fragment: `${formatRootId(rootId)}/0`,
        to: "tier2",
        amount: "5",
      }),
    ).to.equal(
      `send 5.00 of ${formatRootId(rootId)}/0 to tier2 (${f.tier2.address}) would fail: EnforcedPause: the contract is paused by the guardian; ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });
});
