import { expect } from "chai";
import { Wallet, type Signer } from "ethers";

import {
  UnitError,
  WaterfallMath,
  connect,
  explainError,
  formatDate,
  formatGrade,
  listingProblem,
  notchOf,
  parseGrade,
  parseListing,
  parseShares,
  parseTerms,
  parseTranche,
  tokenIdOf,
} from "../../src/index.js";
import { deploySuiteForSdk, freeGas, wait } from "../helpers/sdk.js";

/** Besu's fee settings with automine: members' wallets hold no ether and pay gasPrice 0. */
const conn = freeGas;
const { ethers, networkHelpers } = conn;
const { time } = networkHelpers;
const DAY = 86_400n;

/** ISO date-time of unix seconds (the form the SDK takes as input). */
const iso = (t: bigint) => formatDate(t);

/**
 * The Suite with a product's cast as fresh wallets without ether: a core enterprise (debtor), a
 * factor, a registration agent, a rating agency, an exchange and four investors (1,000,000.00 each).
 */
async function productsFixture() {
  const { addresses, signers } = await deploySuiteForSdk();
  const registrar = connect(addresses, signers[1]);
  const bank = connect(addresses, signers[2]);
  const cast = {
    core: ["CORE_ENTERPRISE"],
    factor: ["FACTOR"],
    agent: ["REGISTRATION_AGENT"],
    agency: ["RATING_AGENCY"],
    exchange: ["EXCHANGE"],
    s1: ["INVESTOR"],
    s2: ["INVESTOR"],
    j1: ["INVESTOR"],
    j2: ["INVESTOR"],
  } as const;
  const w = Object.fromEntries(Object.keys(cast).map((k) => [k, Wallet.createRandom(ethers.provider)])) as Record<
    keyof typeof cast,
    ReturnType<typeof Wallet.createRandom>
  >;
  for (const [key, kinds] of Object.entries(cast)) {
    await wait(
      registrar.registry.register({
        code: `PRD-${key}`,
        kinds: [...kinds],
        kycExpiry: "2099-01-01",
        jurisdiction: "CN",
        wallet: w[key as keyof typeof cast].address,
      }),
    );
  }
  await wait(bank.cash.mint(w.core.address, "10,000,000.00"));
  for (const k of ["s1", "s2", "j1", "j2"] as const) await wait(bank.cash.mint(w[k].address, "1,000,000.00"));
  const as = (s: Signer) => connect(addresses, s);
  const reader = connect(addresses, ethers.provider);

  /** A confirmed payable of `amount` from the core enterprise to the factor; its fragment /0. */
  let n = 0;
  async function fragment(amount: string, tenorDays = 180n) {
    const invoice = `PRD-INV-${++n}`;
    const due = BigInt(await time.latest()) + tenorDays * DAY;
    const r = as(w.core).receivables;
    await wait(r.issuePayable(w.factor.address, { amount, dueDate: due, invoiceNumber: invoice }));
    return tokenIdOf(await r.fingerprint(invoice, w.factor.address, w.core.address), 0);
  }
  /** The parties products are bound to: the cast's exchange, rating agency and registration agent. */
  const parties = { exchange: w.exchange.address, ratingAgency: w.agency.address, registrar: w.agent.address };
  return { addresses, signers, w, as, reader, fragment, parties, guardian: signers[3] };
}

type Fixture = Awaited<ReturnType<typeof productsFixture>>;

/**
 * docs/products.md's worked example through the SDK, up to the close: F1 400,000.00, F2 400,000.00,
 * F3 200,000.00; 80% senior at 3.2%, servicing 0.5%; price 100.00, cap 1,000,000.00, exchange fee 1%;
 * S1 5,000 and S2 3,000 senior, J1 1,200 and J2 800 junior shares.
 */
async function exampleFixture() {
  const f = await productsFixture();
  const ids = [await f.fragment("400,000.00"), await f.fragment("400,000.00"), await f.fragment("200,000.00", 100n)];
  const factor = f.as(f.w.factor).products;
  const receipt = (await (
    await factor.create(ids, { seniorShare: "80%", seniorRate: "3.2%", servicingFee: "0.5%" }, f.parties)
  ).wait())!;
  const address = factor.productOf(receipt)!;
  await wait(f.as(f.w.agent).products.product(address).approve());
  const now = BigInt(await time.latest());
  await wait(
    f
      .as(f.w.agency)
      .products.product(address)
      .rate({ grade: "AA", expiry: iso(now + 365n * DAY), reportUri: "ipfs://rating", reportHash: ethers.id("r") }),
  );
  const opens = now + DAY;
  const closes = opens + 10n * DAY;
  const listing = {
    opens: iso(opens),
    closes: iso(closes),
    pricePerShare: "100.00",
    minRaise: "500,000.00",
    cap: "1,000,000.00",
    minTicket: "100.00",
    maxTicket: "1,000,000.00",
    investorKinds: ["INVESTOR"],
    exchangeFee: "1%",
  };
  // The bound exchange proposes; the originator accepts the same terms (issue 12).
  await wait(f.as(f.w.exchange).products.product(address).list(listing));
  await wait(f.as(f.w.factor).products.product(address).acceptListing(listing));
  await time.increaseTo(opens);
  for (const [k, t, shares] of [
    ["s1", "senior", 5_000n],
    ["s2", "senior", 3_000n],
    ["j1", "junior", 1_200n],
    ["j2", "junior", "800"],
  ] as const) {
    await wait(f.as(f.w[k]).products.product(address).subscribe(t, shares));
  }
  return { ...f, ids, address, opens, closes, listing };
}

describe("SDK: products", () => {
  describe("units", () => {
    it("parses terms, grades, tranches, shares and listings exactly and names the field it refuses", () => {
      expect(parseTerms({ seniorShare: "80%", seniorRate: "3.2%", servicingFee: "50bps" })).to.deep.equal({
        seniorBps: 8_000n,
        seniorRateBps: 320n,
        servicingFeeBps: 50n,
      });
      expect(() => parseTerms({ seniorShare: "0%", seniorRate: "1%", servicingFee: "0%" })).to.throw(
        UnitError,
        'seniorShare: must be above 0% and at most 100% (got "0%")',
      );
      expect(() => parseTerms({ seniorShare: "80%", seniorRate: "50.01%", servicingFee: "0%" })).to.throw(
        'seniorRate: exceeds 50% (got "50.01%")',
      );
      expect(() => parseTerms({ seniorShare: "80%", seniorRate: "3.205%", servicingFee: "0%" })).to.throw(
        "seniorRate: is finer than one basis point",
      );
      expect(() => parseTerms({ seniorShare: "80%", seniorRate: "3%", servicingFee: "11%" })).to.throw(
        'servicingFee: exceeds 10% (got "11%")',
      );
      expect(parseGrade("AA+")).to.equal("0x41412b0000000000");
      expect(formatGrade("0x41412b0000000000")).to.equal("AA+");
      expect(() => parseGrade("TOO-LONG-1")).to.throw("grade: is not a grade label");
      expect([notchOf("AAA"), notchOf("aa"), notchOf("BBB-"), notchOf("Z")]).to.deep.equal([1, 3, 10, undefined]);
      expect([parseTranche("senior"), parseTranche("Junior"), parseTranche(1)]).to.deep.equal([0, 1, 1]);
      expect(() => parseTranche("mezzanine")).to.throw("tranche: is not a tranche");
      expect(parseShares("1,200")).to.equal(1_200n);
      expect(() => parseShares("-5")).to.throw("shares: must not be negative");
      expect(() => parseShares("1.5")).to.throw("shares: is not a whole number of shares");
      expect(() => parseShares("0")).to.throw("shares: must be greater than zero");

      const l = parseListing({
        opens: "2030-01-01",
        closes: "2030-01-11T12:00:00Z",
        pricePerShare: "100",
        minRaise: "500,000.00",
        cap: "1,000,000.00",
        minTicket: "100.00",
        maxTicket: "50,000.00",
        investorKinds: ["INVESTOR", "bank"],
        exchangeFee: "1.25%",
      });
      expect(l).to.deep.include({
        opens: 1_893_456_000n,
        closes: 1_893_456_000n + 10n * DAY + 12n * 3_600n,
        investorKinds: (1 << 4) | (1 << 3),
        exchangeFeeBps: 125n,
        pricePerShare: 100_00n,
        cap: 1_000_000_00n,
      });
      expect(listingProblem(l, 1_893_456_000n)).to.equal(undefined);
      expect(listingProblem(l, 1_893_456_001n)).to.deep.equal({
        field: "opens",
        problem: "2030-01-01 is before the chain's time 2030-01-01T00:00:01Z",
      });
      expect(listingProblem({ ...l, cap: 1_000_000_50n }, 0n)).to.deep.equal({
        field: "cap",
        problem: "must be a whole number of shares (a multiple of the price)",
      });
      expect(listingProblem({ ...l, minTicket: l.maxTicket + 1n }, 0n)).to.deep.equal({
        field: "minTicket",
        problem: "exceeds the maximum ticket",
      });
      expect(() => parseListing({ ...listingInput(), cap: "1.001" })).to.throw(
        'cap: has more than 2 decimal places (got "1.001")',
      );
      expect(() => parseListing({ ...listingInput(), minRaise: "-1" })).to.throw("minRaise: must not be negative");
      expect(() => parseListing({ ...listingInput(), closes: "2030-02-30" })).to.throw(
        "closes: is not a valid calendar date",
      );
      expect(() => parseListing({ ...listingInput(), investorKinds: ["WHALE"] })).to.throw(
        "investorKinds: is not a kind",
      );
    });

    it("splits like WaterfallMath: fees off the top, interest due, senior principal, the junior residual", () => {
      expect(WaterfallMath.interest(800_000_00n, 320n, 73n * DAY)).to.equal(5_120_00n);
      expect(WaterfallMath.interest(411_120_00n, 320n, 73n * DAY)).to.equal(2_631_16n);
      expect(WaterfallMath.split(400_000_00n, 50n, 100n, 5_120_00n, 800_000_00n)).to.deep.equal({
        servicingFee: 2_000_00n,
        exchangeFee: 4_000_00n,
        seniorInterest: 5_120_00n,
        seniorPrincipal: 388_880_00n,
        junior: 0n,
      });
      // Net below the interest due: all of it is interest, nothing else.
      expect(WaterfallMath.split(1_00n, 0n, 0n, 5_00n, 10_00n)).to.deep.include({ seniorInterest: 1_00n, junior: 0n });
      expect(WaterfallMath.trancheSupplies(1_000_000_00n, 100_00n, 8_000n)).to.deep.equal([8_000n, 2_000n]);
      expect(WaterfallMath.trancheSupplies(1_000_000_00n, 100_00n, 10_000n)).to.deep.equal([10_000n, 0n]);
      expect(WaterfallMath.allocation(300n, 1_200n, 1_000n, 100_00n)).to.deep.equal({
        shares: 250n,
        refund: 5_000_00n,
      });
      // 1.00 over 3 shares: floor(2^64 / 3) per share, ceil(... x 3 / 2^64) = 1.
      expect(WaterfallMath.distributionUsed(1n, 3n)).to.equal(1n);
      expect(WaterfallMath.distributionUsed(10n, 0n)).to.equal(0n);
      expect(
        WaterfallMath.writeDown(250_00n, { principal: 200_00n, written: 0n }, { principal: 800_00n, written: 0n }),
      ).to.deep.equal({ juniorWritten: 200_00n, seniorWritten: 50_00n });
    });
  });

  describe("create", () => {
    it("approves the factory on the receivable token first, then creates; the handle reads the terms and basket", async () => {
      const f = await networkHelpers.loadFixture(productsFixture);
      const ids = [await f.fragment("300,000.00"), await f.fragment("200,000.00")];
      const factor = f.as(f.w.factor);
      expect(await factor.receivables.contract.isApprovedForAll(f.w.factor.address, f.addresses.productFactory)).to.be
        .false;
      const tx = await factor.products.create(
        ids,
        { seniorShare: "70%", seniorRate: "4%", servicingFee: "0.25%" },
        f.parties,
      );
      expect(tx.gasPrice ?? tx.maxFeePerGas).to.equal(0n);
      const receipt = (await tx.wait())!;
      expect(await factor.receivables.contract.isApprovedForAll(f.w.factor.address, f.addresses.productFactory)).to.be
        .true;
      const address = factor.products.productOf(receipt)!;
      expect(await f.reader.products.isProduct(address)).to.equal(true);
      const p = f.reader.products.product(address);
      expect(await p.phase()).to.equal("Originated");
      expect(await p.parties()).to.deep.equal(f.parties);
      expect(await p.terms()).to.deep.equal({
        seniorBps: 7_000n,
        seniorRateBps: 400n,
        servicingFeeBps: 25n,
        seniorShare: "70%",
        seniorRate: "4%",
        servicingFee: "0.25%",
        trancheCount: 2,
      });
      expect(await p.basket()).to.deep.equal([
        { tokenId: ids[0], custody: "Held", value: 300_000_00n, collectable: 0n },
        { tokenId: ids[1], custody: "Held", value: 200_000_00n, collectable: 0n },
      ]);
      expect((await p.tranches()).map((t) => [t.name, t.symbol, t.supply])).to.deep.equal([
        ["senior", "SNR", 0n],
        ["junior", "JNR", 0n],
      ]);
      expect(await f.reader.products.list()).to.deep.equal([
        {
          index: 0,
          address,
          originator: f.w.factor.address,
          phase: "Originated",
          face: 500_000_00n,
          fragments: 2,
          trancheCount: 2,
          grade: undefined,
          paused: false,
        },
      ]);
      const [created] = await f.reader.products.created(f.w.factor.address);
      expect(created.args.product).to.equal(address);
      expect(created.args.face).to.equal(500_000_00n);
      expect(created.transactionHash).to.equal(tx.hash);
      // A second product does not approve again (one transaction).
      const nonce = await ethers.provider.getTransactionCount(f.w.factor.address);
      await wait(
        factor.products.create(
          [await f.fragment("1,000.00")],
          {
            seniorShare: "100%",
            seniorRate: "0%",
            servicingFee: "0%",
          },
          f.parties,
        ),
      );
      expect(await ethers.provider.getTransactionCount(f.w.factor.address)).to.equal(nonce + 1);
      expect((await f.reader.products.list())[1]).to.include({ trancheCount: 1, face: 1_000_00n });
    });

    it("surfaces the contract's refusal decoded", async () => {
      const f = await networkHelpers.loadFixture(productsFixture);
      const id = await f.fragment("1,000.00");
      try {
        await f.as(f.w.core).products.contract.createProduct.staticCall(
          [id],
          {
            seniorBps: 10_000,
            seniorRateBps: 0,
            servicingFeeBps: 0,
          },
          f.parties,
        );
        expect.fail("createProduct by a non-factor succeeded");
      } catch (e) {
        expect(explainError(e)).to.equal(`FactoryNotFactor: ${f.w.core.address} is not an eligible FACTOR`);
      }
    });
  });

  describe("lifecycle", () => {
    it("acceptListing refuses, with no transaction sent, terms other than those proposed (issue 12)", async () => {
      const f = await networkHelpers.loadFixture(productsFixture);
      const factor = f.as(f.w.factor).products;
      const receipt = (await (
        await factor.create(
          [await f.fragment("100,000.00")],
          { seniorShare: "100%", seniorRate: "0%", servicingFee: "0%" },
          f.parties,
        )
      ).wait())!;
      const address = factor.productOf(receipt)!;
      await wait(f.as(f.w.agent).products.product(address).approve());
      const now = BigInt(await time.latest());
      await wait(
        f
          .as(f.w.agency)
          .products.product(address)
          .rate({ grade: "AA", expiry: iso(now + 365n * DAY), reportUri: "", reportHash: "" }),
      );
      const agreed = {
        opens: iso(now + DAY),
        closes: iso(now + 11n * DAY),
        pricePerShare: "100.00",
        minRaise: "50,000.00",
        cap: "100,000.00",
        minTicket: "100.00",
        maxTicket: "100,000.00",
        investorKinds: ["INVESTOR"],
        exchangeFee: "1%",
      };
      const handle = f.as(f.w.factor).products.product(address);
      await expect(handle.acceptListing(agreed)).to.be.rejectedWith("the exchange has not proposed a listing yet");
      // The exchange proposes a cheaper price than agreed.
      await wait(
        f
          .as(f.w.exchange)
          .products.product(address)
          .list({ ...agreed, pricePerShare: "0.01", minTicket: "0.01" }),
      );
      const nonce = await ethers.provider.getTransactionCount(f.w.factor.address);
      await expect(handle.acceptListing(agreed)).to.be.rejectedWith(/are not the terms given .*; no transaction sent/);
      expect(await ethers.provider.getTransactionCount(f.w.factor.address)).to.equal(nonce);
      expect(await handle.phase()).to.equal("Approved");
      const view = await f.reader.products.product(address).show();
      expect(view.proposedListing?.pricePerShare).to.equal(1n);
      expect(view.listing).to.equal(undefined);
      expect(view.parties).to.deep.equal(f.parties);
    });

    it("rates with the scale's notch, lists in human units and reads them back", async () => {
      const f = await networkHelpers.loadFixture(exampleFixture);
      const p = f.reader.products.product(f.address);
      const rating = (await p.rating())!;
      expect(rating).to.deep.include({
        agency: f.w.agency.address,
        grade: "AA",
        notch: 3,
        reportUri: "ipfs://rating",
        reportHash: ethers.id("r"),
        current: true,
      });
      const listing = (await p.listing())!;
      expect(listing).to.deep.include({
        exchange: f.w.exchange.address,
        opens: f.opens,
        closes: f.closes,
        opensIso: iso(f.opens),
        investorKinds: ["INVESTOR"],
        exchangeFee: "1%",
        pricePerShare: 100_00n,
        cap: 1_000_000_00n,
        totalShares: 10_000n,
        termsHash: await p.listingHashOf(f.listing),
      });
      expect(await p.phase()).to.equal("Listed");
      expect((await p.tranches()).map((t) => [t.supply, t.requested, t.subscribers])).to.deep.equal([
        [8_000n, 8_000n, 2],
        [2_000n, 2_000n, 2],
      ]);
      expect(await p.suppliesFor("1,000,000.00", "100.00")).to.deep.equal([8_000n, 2_000n]);
      const subs = await p.subscriptions(f.w.s1.address);
      expect(subs.map((e) => [e.args.tranche, e.args.shares, e.args.paid])).to.deep.equal([[0n, 5_000n, 500_000_00n]]);
      // Each investor approved exactly its ticket on the way.
      expect(await f.reader.cash.contract.allowance(f.w.j2.address, f.address)).to.equal(0n);
      expect(await f.reader.cash.balanceOf(f.w.j2.address)).to.equal(1_000_000_00n - 80_000_00n);
      const rerate = f.as(f.w.agency).products.product(f.address);
      expect(() => rerate.rateArgs({ grade: "Z9", expiry: "2099-01-01", reportUri: "" })).to.throw(
        "notch: is needed: the grade is not on the default scale",
      );
    });

    it("closes as previewClose says, delivers shares, and every distribution equals previewDistribution to the base unit", async () => {
      const f = await networkHelpers.loadFixture(exampleFixture);
      const anyone = f.as(f.w.exchange).products.product(f.address);
      const p = f.reader.products.product(f.address);
      const outcome = await p.previewClose();
      expect(outcome).to.deep.equal({
        success: true,
        raised: 1_000_000_00n,
        exchangeFee: 10_000_00n,
        originatorProceeds: 990_000_00n,
        principal: [800_000_00n, 200_000_00n],
      });
      const t0 = f.closes + 1n;
      await time.setNextBlockTimestamp(t0);
      await wait(anyone.closeOffering());
      const [closed] = await p.closings();
      expect([
        closed.args.success,
        closed.args.raised,
        closed.args.originatorProceeds,
        closed.args.exchangeFee,
      ]).to.deep.equal([outcome.success, outcome.raised, outcome.originatorProceeds, outcome.exchangeFee]);
      expect((await p.position(f.w.s1.address))[0]).to.deep.include({
        subscribed: 5_000n,
        settled: false,
        pending: { shares: 5_000n, refund: 0n },
        balance: 0n,
      });
      for (const [k, t] of [
        ["s1", 0],
        ["s2", 0],
        ["j1", 1],
        ["j2", 1],
      ] as const) {
        await wait(anyone.claimShares(f.w[k].address, t));
      }
      expect((await p.position(f.w.j1.address))[1]).to.deep.include({ settled: true, balance: 1_200n, claimable: 0n });

      // Day 73: F1 repaid in full and collected (docs/products.md).
      const core = f.as(f.w.core).receivables;
      await wait(core.repay(f.ids[0] >> 32n, "400,000.00"));
      expect(await p.collectable()).to.equal(400_000_00n);
      const at73 = t0 + 73n * DAY;
      const preview = await p.previewDistribution("400,000.00", at73);
      expect(preview).to.deep.include({
        servicingFee: 2_000_00n,
        exchangeFee: 4_000_00n,
        seniorInterest: 5_120_00n,
        seniorPrincipal: 388_880_00n,
        junior: 0n,
        toSenior: 394_000_00n,
      });
      await time.setNextBlockTimestamp(at73);
      const receipt = (await (await anyone.collect(0, 3)).wait())!;
      const dist = p.eventsIn(receipt).find((e) => e.name === "Distributed")!;
      expect(dist.args).to.deep.equal({
        gross: preview.gross,
        servicingFee: preview.servicingFee,
        exchangeFee: preview.exchangeFee,
        seniorInterest: preview.seniorInterest,
        seniorPrincipal: preview.seniorPrincipal,
        junior: preview.junior,
      });
      expect((await p.waterfall()).seniorBalance).to.equal(preview.after.seniorBalance);
      expect(await p.claimable(f.w.s1.address)).to.deep.equal([246_250_00n, 0n]);

      // The holder claims from the tranche token through the handle.
      const before = await f.reader.cash.balanceOf(f.w.s1.address);
      await wait(f.as(f.w.s1).products.product(f.address).claimDistribution("senior"));
      expect((await f.reader.cash.balanceOf(f.w.s1.address)) - before).to.equal(246_250_00n);

      // Interest due now follows the accrual at the chain's time.
      await time.increase(30n * DAY);
      const w = await p.waterfall();
      const now = BigInt(await time.latest());
      expect(w.interestDueNow).to.equal(WaterfallMath.interest(411_120_00n, 320n, now - at73));
      expect(w.accruedAtIso).to.equal(iso(at73));

      const distributions = await p.distributions();
      expect(distributions).to.have.length(1);
      expect(distributions[0].args.seniorInterest).to.equal(5_120_00n);
      expect((await p.events()).map((e) => e.name)).to.include.members([
        "ProductOriginated",
        "ProductApproved",
        "ProductRated",
        "ProductListed",
        "Subscribed",
        "OfferingClosed",
        "SharesClaimed",
        "Collected",
        "Distributed",
      ]);
      const view = await p.show();
      expect(view).to.deep.include({ phase: "Active", face: 1_000_000_00n, originator: f.w.factor.address });
      expect(view.basket.map((b) => b.custody)).to.deep.equal(["Held", "Held", "Held"]);
      expect(view.tranches[0]).to.deep.include({ principal: 800_000_00n, shares: 8_000n, distributed: 394_000_00n });
    });

    it("matches the contract's figures over irregular partial collections (fees, interest and accumulator rounding)", async () => {
      const f = await networkHelpers.loadFixture(exampleFixture);
      const anyone = f.as(f.w.exchange).products.product(f.address);
      const p = f.reader.products.product(f.address);
      await time.setNextBlockTimestamp(f.closes + 1n);
      await wait(anyone.closeOffering());
      const core = f.as(f.w.core).receivables;
      // Odd amounts and odd gaps: every rounding path of fees, interest and the accumulators.
      const steps: [string, bigint, bigint][] = [
        ["12,345.67", 0n, 3n * DAY + 17n],
        ["333.33", 2n, 11n * DAY + 4_321n],
        ["99,999.99", 1n, 1n],
        ["0.07", 0n, 40n * DAY],
        ["287,654.33", 0n, 5n * DAY + 9n],
        ["199,666.67", 2n, 2n * DAY],
        ["300,000.01", 1n, 17n * DAY + 1n],
        ["99,999.93", 0n, 1n * DAY],
      ];
      let t = BigInt(await time.latest());
      let junior = 0n;
      for (const [amount, i, gap] of steps) {
        await wait(core.repay(f.ids[Number(i)] >> 32n, amount));
        const gross = await p.collectable();
        t += gap + 2n;
        const preview = await p.previewDistribution(gross, t);
        const tokens = await p.trancheTokens();
        const before = await Promise.all(tokens.map((x) => x.totalDistributed()));
        await time.setNextBlockTimestamp(t);
        const receipt = (await (await anyone.collect(0, 3)).wait())!;
        const d = p.eventsIn(receipt).find((e) => e.name === "Distributed")!.args;
        expect([d.gross, d.servicingFee, d.exchangeFee, d.seniorInterest, d.seniorPrincipal, d.junior]).to.deep.equal([
          preview.gross,
          preview.servicingFee,
          preview.exchangeFee,
          preview.seniorInterest,
          preview.seniorPrincipal,
          preview.junior,
        ]);
        const after = await Promise.all(tokens.map((x) => x.totalDistributed()));
        expect([after[0] - before[0], after[1] - before[1]]).to.deep.equal([preview.seniorUsed, preview.juniorUsed]);
        const w = await p.contract.waterfall();
        expect([w.seniorBalance, w.interestDue, w.accruedAt]).to.deep.equal([
          preview.after.seniorBalance,
          preview.after.interestDue,
          preview.after.accruedAt,
        ]);
        junior += preview.junior;
      }
      expect(junior > 0n).to.equal(true);
      expect((await p.waterfall()).seniorBalance).to.equal(0n);
    });

    it("allocates an oversubscribed tranche as WaterfallMath.allocation says", async () => {
      const f = await networkHelpers.loadFixture(productsFixture);
      const ids = [await f.fragment("100,000.00")];
      const factor = f.as(f.w.factor).products;
      const address = factor.productOf(
        (await (
          await factor.create(ids, { seniorShare: "100%", seniorRate: "2%", servicingFee: "0%" }, f.parties)
        ).wait())!,
      )!;
      await wait(f.as(f.w.agent).products.product(address).approve());
      const now = BigInt(await time.latest());
      await wait(
        f
          .as(f.w.agency)
          .products.product(address)
          .rate({ grade: "A", notch: 6, expiry: now + 100n * DAY, reportUri: "ipfs://a" }),
      );
      const listing = {
        opens: now + 10n,
        closes: now + 10n * DAY,
        pricePerShare: "10.00",
        minRaise: "0",
        cap: "100,000.00",
        minTicket: "0",
        maxTicket: "100,000.00",
        investorKinds: ["INVESTOR"],
        exchangeFee: "0%",
      };
      await wait(f.as(f.w.exchange).products.product(address).list(listing));
      await wait(f.as(f.w.factor).products.product(address).acceptListing(listing));
      await time.increaseTo(now + 10n);
      const asks: [keyof Fixture["w"], bigint][] = [
        ["s1", 7_001n],
        ["s2", 4_999n],
        ["j1", 333n],
      ];
      for (const [k, shares] of asks) await wait(f.as(f.w[k]).products.product(address).subscribe(0, shares));
      await time.increaseTo(now + 10n * DAY + 1n);
      const p = f.reader.products.product(address);
      expect((await p.previewClose()).raised).to.equal(100_000_00n);
      await wait(f.as(f.w.exchange).products.product(address).closeOffering());
      for (const [k, shares] of asks) {
        const expected = WaterfallMath.allocation(shares, 12_333n, 10_000n, 10_00n);
        expect((await p.position(f.w[k].address))[0].pending).to.deep.equal(expected);
        await wait(f.as(f.w.exchange).products.product(address).claimShares(f.w[k].address, "senior"));
        const [ev] = await p.sharesClaimed(f.w[k].address);
        expect([ev.args.shares, ev.args.refund]).to.deep.equal([expected.shares, expected.refund]);
      }
    });
  });
});

function listingInput() {
  return {
    opens: "2030-01-01",
    closes: "2030-01-11",
    pricePerShare: "100",
    minRaise: "0",
    cap: "1,000.00",
    minTicket: "0",
    maxTicket: "1,000.00",
    investorKinds: ["INVESTOR"],
    exchangeFee: "0%",
  };
}
