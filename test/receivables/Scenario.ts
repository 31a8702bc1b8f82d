import { expect } from "chai";

import { DAY, ethers, networkHelpers, now, receivablesWithSuppliers, type Signer } from "../helpers/fixtures.js";

const { loadFixture } = networkHelpers;

type F = Awaited<ReturnType<typeof receivablesWithSuppliers>>;

/** Token id of fragment `index` of `rootId`. */
function tokenOf(rootId: bigint, index: number): bigint {
  return (rootId << 32n) | BigInt(index);
}

/** The interval rule of IReceivableToken: the test's independent oracle. */
function share(start: bigint, end: bigint, paid: bigint, face: bigint): bigint {
  return (end * paid) / face - (start * paid) / face;
}

/** Claims `tokenId` as `holder`, asserting the event and both balances; returns the amount. */
async function claimExactly(f: F, holder: Signer, tokenId: bigint, amount: bigint) {
  expect(await f.receivables.claimable(tokenId)).to.equal(amount);
  const tx = f.receivables.connect(holder).claim(tokenId);
  await expect(tx).to.emit(f.receivables, "FragmentClaimed").withArgs(tokenId, holder.address, amount);
  await expect(tx).to.changeTokenBalances(ethers, f.cash, [holder, f.receivablesAddress], [amount, -amount]);
  return amount;
}

/** The core enterprise confirms a receivable of `face` that tier 1 issued. */
async function confirmedBy(f: F, face: bigint, invoice: string) {
  const invoiceHash = ethers.id(invoice);
  const rootId = await f.receivables.rootIdOf(invoiceHash, f.tier1.address, f.core.address);
  await f.receivables
    .connect(f.tier1)
    .issue(
      f.core.address,
      await f.cash.getAddress(),
      face,
      (await now()) + 180n * DAY,
      invoiceHash,
      `ipfs://${invoice}`,
      ethers.id(invoice),
    );
  await expect(f.receivables.connect(f.core).confirm(rootId))
    .to.emit(f.receivables, "ReceivableConfirmed")
    .withArgs(rootId, f.core.address);
  return rootId;
}

describe("ReceivableToken scenario: a confirmed payable down a three-tier supply chain", () => {
  const FACE = 1_000_000_00n;

  it("pays every holder exactly its share across two payments, with claims and a split in between", async () => {
    const f = await loadFixture(receivablesWithSuppliers);
    const rootId = await confirmedBy(f, FACE, "INV-SCF-0001");
    const t1 = tokenOf(rootId, 0);

    // Tier 1 pays its own supplier with 400,000.00 of the receivable; tier 2 passes 150,000.00 on.
    await expect(f.receivables.connect(f.tier1).sendValue(t1, f.tier2.address, 400_000_00n))
      .to.emit(f.receivables, "FragmentValueSent")
      .withArgs(t1, tokenOf(rootId, 1), f.tier2.address, 400_000_00n, 1n);
    const t2 = tokenOf(rootId, 1);
    await expect(f.receivables.connect(f.tier2).sendValue(t2, f.tier3.address, 150_000_00n))
      .to.emit(f.receivables, "FragmentValueSent")
      .withArgs(t2, tokenOf(rootId, 2), f.tier3.address, 150_000_00n, 2n);
    const t3 = tokenOf(rootId, 2);
    const [f1] = await f.receivables.fragment(t1);
    const [f2] = await f.receivables.fragment(t2);
    const [f3] = await f.receivables.fragment(t3);
    expect([f1.start, f1.value, f1.tier]).to.deep.equal([0n, 600_000_00n, 0n]);
    expect([f2.start, f2.value, f2.tier]).to.deep.equal([600_000_00n, 250_000_00n, 1n]);
    expect([f3.start, f3.value, f3.tier]).to.deep.equal([850_000_00n, 150_000_00n, 2n]);

    // The core enterprise pays 60%.
    await expect(f.receivables.connect(f.core).repay(rootId, 600_000_00n)).to.changeTokenBalances(
      ethers,
      f.cash,
      [f.core, f.receivablesAddress],
      [-600_000_00n, 600_000_00n],
    );
    expect(await f.receivables.claimable(t1)).to.equal(360_000_00n);
    expect(await f.receivables.claimable(t2)).to.equal(150_000_00n);
    expect(await f.receivables.claimable(t3)).to.equal(90_000_00n);

    // Tier 1 claims now. Tier 2 splits its fragment after the partial payment: the two parts are
    // owed exactly what the whole was owed. It claims one part now, the other later. Tier 3 waits.
    await claimExactly(f, f.tier1, t1, 360_000_00n);
    await f.receivables.connect(f.tier2).split(t2, [100_000_00n, 150_000_00n]);
    const t2b = tokenOf(rootId, 3);
    expect(await f.receivables.claimable(t2)).to.equal(60_000_00n);
    expect(await f.receivables.claimable(t2b)).to.equal(90_000_00n);
    await claimExactly(f, f.tier2, t2, 60_000_00n);
    expect(await f.cash.balanceOf(f.receivablesAddress)).to.equal(90_000_00n + 90_000_00n);

    // The core enterprise pays the rest and the root settles.
    const rest = f.receivables.connect(f.core).repay(rootId, 400_000_00n);
    await expect(rest).to.emit(f.receivables, "ReceivableRepaid").withArgs(rootId, f.core.address, 400_000_00n, FACE);
    await expect(rest).to.emit(f.receivables, "ReceivableSettled").withArgs(rootId);
    await expect(rest).to.changeTokenBalances(
      ethers,
      f.cash,
      [f.core, f.receivablesAddress],
      [-400_000_00n, 400_000_00n],
    );

    const tier1Total = 360_000_00n + (await claimExactly(f, f.tier1, t1, 240_000_00n));
    const tier2Total =
      60_000_00n +
      (await claimExactly(f, f.tier2, t2, 40_000_00n)) +
      (await claimExactly(f, f.tier2, t2b, 150_000_00n));
    const tier3Total = await claimExactly(f, f.tier3, t3, 150_000_00n);
    expect([tier1Total, tier2Total, tier3Total]).to.deep.equal([600_000_00n, 250_000_00n, 150_000_00n]);
    expect(await f.cash.balanceOf(f.receivablesAddress)).to.equal(0n);
    for (const t of [t1, t2, t2b, t3]) {
      await expect(f.receivables.claimable(t)).to.eventually.equal(0n);
    }
  });

  it("an odd face split in 3 and paid 33.33%: claims add up to what was paid, each within 1 base unit", async () => {
    const f = await loadFixture(receivablesWithSuppliers);
    const face = 1_000_000_01n;
    const rootId = await confirmedBy(f, face, "INV-ODD-0001");
    const values = [33_333_334n, 33_333_334n, 33_333_333n];
    await f.receivables.connect(f.tier1).split(tokenOf(rootId, 0), values);
    const holders = [f.tier1, f.tier2, f.tier3];
    const ids = [0, 1, 2].map((i) => tokenOf(rootId, i));
    await f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, ids[1]);
    await f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier3.address, ids[2]);
    const starts = [0n, values[0], values[0] + values[1]];

    const claimed = [0n, 0n, 0n];
    let paid = 0n;
    // 33.33% of the face, then 1 base unit, then 7, then the rest; holders claim at different times.
    const payments = [(face * 3333n) / 10_000n, 1n, 7n];
    payments.push(face - payments.reduce((a, b) => a + b, 0n));
    const claimers = [[0, 1, 2], [1], [0, 2], [0, 1, 2]];
    for (const [k, amount] of payments.entries()) {
      await f.receivables.connect(f.core).repay(rootId, amount);
      paid += amount;
      for (const i of claimers[k]) {
        const owed = share(starts[i], starts[i] + values[i], paid, face) - claimed[i];
        if (owed === 0n) {
          await expect(f.receivables.connect(holders[i]).claim(ids[i]))
            .to.be.revertedWithCustomError(f.receivables, "ReceivableNothingToClaim")
            .withArgs(ids[i]);
        } else {
          claimed[i] += await claimExactly(f, holders[i], ids[i], owed);
        }
      }
      // Every holder that just claimed holds its exact share of what is paid, to 1 base unit.
      for (const i of claimers[k]) {
        const diff = claimed[i] * face - values[i] * paid; // (claimed - exact share) * face
        expect(diff < 0n ? -diff : diff).to.be.lessThan(face);
      }
      if (k === 0) {
        // After the 33.33% payment every holder has claimed: the claims add up to it (zero dust).
        expect(paid).to.equal(33_330_000n);
        expect(claimed).to.deep.equal([11_110_000n, 11_110_000n, 11_110_000n]);
        expect(await f.cash.balanceOf(f.receivablesAddress)).to.equal(0n);
      }
    }
    expect(claimed.reduce((a, b) => a + b, 0n)).to.equal(face);
    expect(claimed).to.deep.equal(values);
    expect(await f.cash.balanceOf(f.receivablesAddress)).to.equal(0n);
  });

  it("a later payment that lowers an interval's share: claims take what the root holds and carry the rest, the root never pays out more than it received, settlement reconciles", async () => {
    const f = await loadFixture(receivablesWithSuppliers);
    // Face 5.00 in three fragments [0, 2.00), [2.00, 3.00), [3.00, 5.00).
    const face = 500n;
    const rootId = await confirmedBy(f, face, "INV-NONMONOTONE");
    await f.receivables.connect(f.tier1).split(tokenOf(rootId, 0), [200n, 100n, 200n]);
    const ids = [0, 1, 2].map((i) => tokenOf(rootId, i));
    await f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, ids[1]);
    await f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier3.address, ids[2]);
    // Paid 0.02: the middle interval's share is floor(300*2/500) - floor(200*2/500) = 1 - 0 = 1.
    await f.receivables.connect(f.core).repay(rootId, 2n);
    await claimExactly(f, f.tier2, ids[1], 1n);
    // Paid 0.03: its share is floor(900/500) - floor(600/500) = 0, below the 1 it already took.
    await f.receivables.connect(f.core).repay(rootId, 1n);
    expect(await f.receivables.claimable(ids[1])).to.equal(0n);
    await expect(f.receivables.connect(f.tier2).claim(ids[1]))
      .to.be.revertedWithCustomError(f.receivables, "ReceivableNothingToClaim")
      .withArgs(ids[1]);
    expect(await f.receivables.claimable(ids[0])).to.equal(share(0n, 200n, 3n, face)); // 1
    expect(await f.receivables.claimable(ids[2])).to.equal(share(300n, 500n, 3n, face)); // 2
    // Until the next payment the root's holders are owed 1 + 0 + 2 on top of the 1 already taken:
    // one base unit more than the 3 paid. The last claim waits for the next payment, even when
    // another root's money sits in the token: a root never pays out more than it received.
    const other = await confirmedBy(f, 1_000_00n, "INV-OTHER-ROOT");
    await f.receivables.connect(f.core).repay(other, 1_000_00n);
    await claimExactly(f, f.tier1, ids[0], 1n);
    expect(await f.receivables.claimedOf(rootId)).to.equal(2n);
    // Attack (finding 3): the claim is not all or nothing. The root holds 1 of the 2 owed to the
    // last fragment: claimable() and claim() pay that 1 now and carry the other in the fragment.
    expect(await f.receivables.claimable(ids[2])).to.equal(1n);
    await claimExactly(f, f.tier3, ids[2], 1n);
    expect((await f.receivables.fragment(ids[2]))[0].carry).to.equal(1n);
    expect(await f.receivables.claimable(ids[2])).to.equal(0n);
    await expect(f.receivables.connect(f.tier3).claim(ids[2]))
      .to.be.revertedWithCustomError(f.receivables, "ReceivableNothingToClaim")
      .withArgs(ids[2]);
    // Settlement: every fragment ends with exactly its value and the token keeps nothing.
    await f.receivables.connect(f.core).repay(rootId, face - 3n);
    await claimExactly(f, f.tier1, ids[0], 199n);
    await claimExactly(f, f.tier2, ids[1], 99n);
    await claimExactly(f, f.tier3, ids[2], 199n); // 200 in all: the carried unit is paid
    expect((await f.receivables.fragment(ids[2]))[0].carry).to.equal(0n);
    expect(await f.receivables.claimedOf(rootId)).to.equal(face);
    // Only the other root's unclaimed payment is left in the token.
    expect(await f.cash.balanceOf(f.receivablesAddress)).to.equal(1_000_00n);
  });
});
