import { expect } from "chai";
import { Wallet, type Signer } from "ethers";

import {
  UnitError,
  attestationKind,
  connect,
  explainError,
  fingerprintOf,
  formatRootId,
  formatTokenId,
  intervalShare,
  invoiceHashOf,
  parseRootId,
  parseTokenId,
  tokenIdOf,
} from "../../src/index.js";
import { deploySuiteForSdk, freeGas, wait } from "../helpers/sdk.js";

/** Besu's fee settings with automine: members' wallets hold no ether and pay gasPrice 0. */
const conn = freeGas;
const { ethers, networkHelpers } = conn;
const DAY = 86_400n;

/** A deterministic pseudo-random generator (xorshift) so a failing case can be replayed. */
function rng(seed: bigint) {
  let s = seed;
  return (bound: bigint): bigint => {
    s ^= (s << 13n) & 0xffffffffffffffffn;
    s ^= s >> 7n;
    s ^= (s << 17n) & 0xffffffffffffffffn;
    return s % bound;
  };
}

async function receivablesFixture() {
  const { addresses, signers } = await deploySuiteForSdk();
  const registrar = connect(addresses, signers[1]);
  const bank = connect(addresses, signers[2]);
  // Fresh wallets without ether: every write below goes out at gasPrice 0.
  const w = {
    core: Wallet.createRandom(ethers.provider),
    tier1: Wallet.createRandom(ethers.provider),
    tier2: Wallet.createRandom(ethers.provider),
    tier3: Wallet.createRandom(ethers.provider),
    verifier: Wallet.createRandom(ethers.provider),
  };
  const kinds = { core: "CORE_ENTERPRISE", tier1: "SME", tier2: "SME", tier3: "SME", verifier: "VERIFIER" } as const;
  for (const [key, wallet] of Object.entries(w)) {
    await wait(
      registrar.registry.register({
        code: `RCV-${key}`,
        kinds: [kinds[key as keyof typeof kinds]],
        kycExpiry: "2099-01-01",
        jurisdiction: "CN",
        wallet: wallet.address,
      }),
    );
  }
  await wait(bank.cash.mint(w.core.address, "5,000,000.00"));
  const as = (s: Signer) => connect(addresses, s);
  const reader = connect(addresses, ethers.provider);
  const now = BigInt(await networkHelpers.time.latest());
  const due = new Date(Number(now + 90n * DAY) * 1000).toISOString().slice(0, 10);
  return { addresses, signers, w, as, reader, due, regulator: signers[4] };
}

describe("SDK: receivables", () => {
  it("computes the fingerprint client-side exactly as the contract's rootIdOf", async () => {
    const f = await networkHelpers.loadFixture(receivablesFixture);
    const r = f.reader.receivables;
    for (const invoice of ["INV-2027-0001", "发票 No. 44031234", "x"]) {
      const id = await r.fingerprint(invoice, f.w.tier1.address, f.w.core.address);
      expect(id).to.equal(await r.contract.rootIdOf(invoiceHashOf(invoice), f.w.tier1.address, f.w.core.address));
      expect(id < 1n << 224n).to.equal(true);
    }
    expect(fingerprintOf(ethers.id("A"), ethers.id("S"), ethers.id("D"))).to.equal(
      BigInt(
        ethers.keccak256(
          ethers.AbiCoder.defaultAbiCoder().encode(
            ["bytes32", "bytes32", "bytes32"],
            [ethers.id("A"), ethers.id("S"), ethers.id("D")],
          ),
        ),
      ) >> 32n,
    );
    expect(() => invoiceHashOf("  ")).to.throw(UnitError, "invoice: must not be empty");
  });

  it("issues a confirmed payable in human units, sends value down the tiers, repays, and every holder claims", async () => {
    const f = await networkHelpers.loadFixture(receivablesFixture);
    const core = f.as(f.w.core).receivables;
    const rootId = await core.fingerprint("INV-100", f.w.tier1.address, f.w.core.address);
    expect(await core.isFingerprintUsed(rootId)).to.equal(false);
    const tx = await core.issuePayable(f.w.tier1.address, {
      amount: "1,000,000.00",
      dueDate: f.due,
      invoiceNumber: "INV-100",
      documentUri: "ipfs://invoice-100",
      documentHash: ethers.id("invoice-100.pdf"),
    });
    expect(tx.gasPrice ?? tx.maxFeePerGas).to.equal(0n);
    await tx.wait();
    expect(await core.isFingerprintUsed(rootId)).to.equal(true);

    const t0 = tokenIdOf(rootId, 0);
    await wait(f.as(f.w.tier1).receivables.sendValue(t0, f.w.tier2.address, "400,000.00"));
    const t1 = tokenIdOf(rootId, 1);
    await wait(f.as(f.w.tier2).receivables.sendValue(t1, f.w.tier3.address, "150,000.00"));
    const t2 = tokenIdOf(rootId, 2);
    await wait(f.as(f.w.tier1).receivables.split(t0, ["500,000.00", "100,000.00"]));
    const t3 = tokenIdOf(rootId, 3);

    let view = (await f.reader.receivables.show(rootId))!;
    expect(view.root).to.include({
      rootHex: formatRootId(rootId),
      creditor: f.w.tier1.address,
      debtor: f.w.core.address,
      face: 100_000_000n,
      paid: 0n,
      status: "Confirmed",
      state: "Confirmed",
      fragmentCount: 4,
      dueDateIso: f.due,
      decimals: 2,
    });
    expect(view.invoice).to.deep.equal({
      invoiceHash: invoiceHashOf("INV-100"),
      uri: "ipfs://invoice-100",
      hash: ethers.id("invoice-100.pdf"),
    });
    expect(view.fragments.map((x) => [x.tokenId, x.holder, x.value, x.tier])).to.deep.equal([
      [t0, f.w.tier1.address, 50_000_000n, 0],
      [t1, f.w.tier2.address, 25_000_000n, 1],
      [t2, f.w.tier3.address, 15_000_000n, 2],
      [t3, f.w.tier1.address, 10_000_000n, 0],
    ]);

    // 60% first: the SDK approves the receivables contract, then repays.
    const coreCash = f.as(f.w.core).cash;
    expect(await coreCash.contract.allowance(f.w.core.address, f.addresses.receivables)).to.equal(0n);
    await wait(core.repay(rootId, "600,000.00"));
    view = (await f.reader.receivables.show(rootId))!;
    expect(view.root.state).to.equal("PartiallyPaid");
    expect(view.fragments.map((x) => x.claimable)).to.deep.equal([30_000_000n, 15_000_000n, 9_000_000n, 6_000_000n]);
    expect(await f.reader.receivables.claimable(t2)).to.equal(9_000_000n);
    await wait(f.as(f.w.tier3).receivables.claim(t2));
    await wait(core.repay(rootId, "400,000.00"));
    for (const [w, t] of [
      [f.w.tier1, t0],
      [f.w.tier2, t1],
      [f.w.tier3, t2],
      [f.w.tier1, t3],
    ] as const) {
      await wait(f.as(w).receivables.claim(t));
    }
    view = (await f.reader.receivables.show(rootId))!;
    expect(view.root).to.include({ status: "Settled", state: "Settled", paid: 100_000_000n, outstanding: 0n });
    expect(view.fragments.map((x) => [x.claimable, x.claimed])).to.deep.equal([
      [0n, 50_000_000n],
      [0n, 25_000_000n],
      [0n, 15_000_000n],
      [0n, 10_000_000n],
    ]);
    expect(await f.reader.cash.balanceOf(f.w.tier1.address)).to.equal(60_000_000n);
    expect(await f.reader.cash.balanceOf(f.w.tier3.address)).to.equal(15_000_000n);
    expect(await f.reader.cash.balanceOf(f.w.core.address)).to.equal(400_000_000n);
    expect(await ethers.provider.getBalance(f.w.tier3.address)).to.equal(0n);

    const names = (await f.reader.receivables.events(rootId)).map((e) => e.name);
    expect(names.filter((n) => n === "ReceivableRepaid")).to.have.length(2);
    expect(names.filter((n) => n === "FragmentClaimed")).to.have.length(5);
    expect(names).to.include.members(["ReceivableIssued", "FragmentValueSent", "FragmentSplit", "ReceivableSettled"]);
    expect(await f.reader.receivables.rootIds()).to.deep.equal([rootId]);
  });

  it("issues pending, confirms or rejects; attestations and documents show by name", async () => {
    const f = await networkHelpers.loadFixture(receivablesFixture);
    const tier1 = f.as(f.w.tier1).receivables;
    const core = f.as(f.w.core).receivables;
    const a = await tier1.fingerprint("INV-A", f.w.tier1.address, f.w.core.address);
    const b = await tier1.fingerprint("INV-B", f.w.tier1.address, f.w.core.address);
    await wait(tier1.issue(f.w.core.address, { amount: "250.5", dueDate: f.due, invoiceNumber: "INV-A" }));
    await wait(tier1.issue(f.w.core.address, { amount: "99.99", dueDate: f.due, invoiceNumber: "INV-B" }));
    expect((await f.reader.receivables.root(a))!.state).to.equal("Pending");
    await wait(core.confirm(a));
    await wait(core.reject(b, "goods not delivered"));
    expect((await f.reader.receivables.root(a))!.face).to.equal(25_050n);
    expect((await f.reader.receivables.root(b))!.state).to.equal("Rejected");
    expect(await f.reader.receivables.fragments(b)).to.deep.equal([]);
    expect(await f.reader.receivables.isFingerprintUsed(b)).to.equal(false);

    await wait(f.as(f.w.verifier).receivables.attest(a, "CUSTOMS_DECLARATION", ethers.id("decl 2231")));
    await wait(tier1.setDocument(a, "delivery-note", "ipfs://dn-1", ethers.id("dn-1")));
    const view = (await f.reader.receivables.show(a))!;
    expect(view.attestations).to.have.length(1);
    expect(view.attestations[0]).to.include({
      author: f.w.verifier.address,
      kind: attestationKind("CUSTOMS_DECLARATION"),
      kindName: "CUSTOMS_DECLARATION",
      hash: ethers.id("decl 2231"),
      revoked: false,
    });
    expect(view.documents.map((d) => [d.name, d.uri, d.hash])).to.deep.equal([
      ["delivery-note", "ipfs://dn-1", ethers.id("dn-1")],
    ]);
    await wait(f.as(f.w.verifier).receivables.revokeAttestation(a, 0));
    expect((await f.reader.receivables.attestations(a))[0].revoked).to.equal(true);
    expect(await f.reader.receivables.root(12345n)).to.equal(undefined);

    // Reverts decode into the suite's error names.
    try {
      await f.as(f.w.tier2).receivables.attest(a, "CUSTOMS_DECLARATION", ethers.id("x"));
      expect.fail("a non-verifier attested");
    } catch (e) {
      expect(explainError(e)).to.contain("ReceivableNotVerifier");
      expect(explainError(e)).to.contain(f.w.tier2.address);
    }
  });

  it("freezes and unfreezes a fragment (regulator); a frozen fragment cannot claim", async () => {
    const f = await networkHelpers.loadFixture(receivablesFixture);
    const core = f.as(f.w.core).receivables;
    const rootId = await core.fingerprint("INV-F", f.w.tier1.address, f.w.core.address);
    await wait(core.issuePayable(f.w.tier1.address, { amount: "1000", dueDate: f.due, invoiceNumber: "INV-F" }));
    await wait(core.repay(rootId, "10"));
    const t0 = tokenIdOf(rootId, 0);
    await wait(connect(f.addresses, f.regulator).receivables.freeze(t0, "court order 7"));
    expect((await f.reader.receivables.fragments(rootId))[0].frozen).to.equal(true);
    try {
      await f.as(f.w.tier1).receivables.claim(t0);
      expect.fail("a frozen fragment claimed");
    } catch (e) {
      expect(explainError(e)).to.contain("ReceivableFrozen");
    }
    await wait(connect(f.addresses, f.regulator).receivables.unfreeze(t0, "court order 7"));
    await wait(f.as(f.w.tier1).receivables.claim(t0));
    expect(await f.reader.cash.balanceOf(f.w.tier1.address)).to.equal(1_000n);
  });

  it("cancels a pending issue (fingerprint released, re-issuable) and declares default once allowed", async () => {
    const f = await networkHelpers.loadFixture(receivablesFixture);
    const tier1 = f.as(f.w.tier1).receivables;
    const core = f.as(f.w.core).receivables;
    const c = await tier1.fingerprint("INV-C", f.w.tier1.address, f.w.core.address);
    await wait(tier1.issue(f.w.core.address, { amount: "5", dueDate: f.due, invoiceNumber: "INV-C" }));
    await wait(tier1.cancel(c));
    expect((await f.reader.receivables.root(c))!.state).to.equal("Cancelled");
    expect(await f.reader.receivables.isFingerprintUsed(c)).to.equal(false);
    await wait(tier1.issue(f.w.core.address, { amount: "6", dueDate: f.due, invoiceNumber: "INV-C" }));
    // Token ids are never reused: the re-issue's fragment is index 1, the cancelled one is gone.
    expect((await f.reader.receivables.fragments(c)).map((x) => [x.index, x.value])).to.deep.equal([[1, 600n]]);

    const d = await core.fingerprint("INV-D", f.w.tier1.address, f.w.core.address);
    await wait(core.issuePayable(f.w.tier1.address, { amount: "100", dueDate: f.due, invoiceNumber: "INV-D" }));
    await wait(core.repay(d, "40"));
    const [, grace, defaultPeriod] = await f.reader.receivables.contract.params();
    const root = (await f.reader.receivables.root(d))!;
    await networkHelpers.time.increaseTo(root.dueDate + grace + 1n);
    expect((await f.reader.receivables.root(d))!.state).to.equal("Overdue");
    try {
      await f.as(f.w.tier1).receivables.declareDefault(tokenIdOf(d, 0));
      expect.fail("default declared too early");
    } catch (e) {
      expect(explainError(e)).to.contain("ReceivableNotYetDefaultable");
    }
    await networkHelpers.time.increaseTo(root.dueDate + grace + defaultPeriod + 1n);
    await wait(f.as(f.w.tier1).receivables.declareDefault(tokenIdOf(d, 0)));
    expect((await f.reader.receivables.root(d))!).to.include({ state: "Defaulted", outstanding: 6_000n });
    const events = await f.reader.receivables.events(d);
    expect(events.at(-1)).to.deep.include({ name: "ReceivableDefaulted", rootId: d });
    expect(events.at(-1)!.args).to.deep.equal({ rootId: d, declaredBy: f.w.tier1.address, outstanding: 6_000n });
  });

  it("rejects over-precise amounts and malformed ids before sending", async () => {
    const f = await networkHelpers.loadFixture(receivablesFixture);
    const core = f.as(f.w.core).receivables;
    const block = await ethers.provider.getBlockNumber();
    await expectUnitError(
      core.issuePayable(f.w.tier1.address, { amount: "1.005", dueDate: f.due, invoiceNumber: "I" }),
      "amount: has more than 2 decimal places",
    );
    await expectUnitError(
      core.issuePayable(f.w.tier1.address, { amount: "1", dueDate: "2027-02-30", invoiceNumber: "I" }),
      "dueDate: is not a valid calendar date/time",
    );
    await expectUnitError(
      core.issuePayable(f.w.tier1.address, { amount: "1", dueDate: f.due, invoiceNumber: "I", documentHash: "0x12" }),
      "documentHash: is not a 32-byte hash",
    );
    await expectUnitError(core.repay(77n, "1"), "is not a known receivable");
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect(() => parseRootId("0xzz")).to.throw(UnitError, "is not a receivable id");
    expect(() => parseRootId("0")).to.throw(UnitError);
    expect(parseTokenId(formatTokenId(tokenIdOf(0xabcn, 7)))).to.equal(tokenIdOf(0xabcn, 7));
    expect(parseTokenId("0xabc/7")).to.equal((0xabcn << 32n) | 7n);
    expect(() => parseTokenId("5")).to.throw(UnitError, "is not a fragment id");
  });

  it("intervalShare equals ProRata: the contract's claimable on random splits and payments, summing to paid", async () => {
    const f = await networkHelpers.loadFixture(receivablesFixture);
    const core = f.as(f.w.core).receivables;
    const next = rng(0x5eed_2026n);
    for (let round = 0; round < 3; round++) {
      const face = 100_000n + next(10_000_000n);
      const invoice = `PROP-${round}`;
      const rootId = await core.fingerprint(invoice, f.w.tier1.address, f.w.core.address);
      await wait(core.issuePayable(f.w.tier1.address, { amount: face, dueDate: f.due, invoiceNumber: invoice }));
      // Cut the face into uneven fragments: tier1 sends odd amounts to tier2 and splits the rest.
      const t0 = tokenIdOf(rootId, 0);
      const sent = 100n + next(face / 3n);
      await wait(f.as(f.w.tier1).receivables.sendValue(t0, f.w.tier2.address, sent));
      const rest = face - sent;
      const a = 100n + next(rest / 2n);
      const b = 100n + next(rest / 3n);
      await wait(f.as(f.w.tier1).receivables.split(t0, [a, b, rest - a - b]));
      let paid = 0n;
      for (let k = 0; k < 4; k++) {
        const amount = k === 3 ? face - paid : 1n + next((face - paid) / 2n);
        await wait(core.repay(rootId, amount));
        paid += amount;
        const frs = await f.reader.receivables.fragments(rootId);
        let sum = 0n;
        for (const fr of frs) {
          const model = intervalShare(fr.start, fr.start + fr.value, paid, face);
          expect(fr.claimable, `round ${round} payment ${k} fragment ${fr.index}`).to.equal(model);
          sum += model;
        }
        expect(sum).to.equal(paid);
      }
    }
    // Pure properties on random inputs: tiling conserves, each share within one unit of exact.
    for (let i = 0; i < 500; i++) {
      const total = 1n + next(1n << 96n);
      const paid = next(total + 1n);
      const cut = next(total + 1n);
      const whole = intervalShare(0n, total, paid, total);
      expect(intervalShare(0n, cut, paid, total) + intervalShare(cut, total, paid, total)).to.equal(whole);
      expect(whole).to.equal(paid);
      const exactTimesTotal = cut * paid;
      const share = intervalShare(0n, cut, paid, total);
      expect(share * total <= exactTimesTotal && exactTimesTotal < (share + 1n) * total).to.equal(true);
    }
    expect(() => intervalShare(0n, 1n, 1n, 0n)).to.throw(RangeError);
  });
});

async function expectUnitError(p: Promise<unknown>, text: string) {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(UnitError);
    expect((e as Error).message).to.contain(text);
    return;
  }
  expect.fail(`expected a UnitError containing "${text}"`);
}
