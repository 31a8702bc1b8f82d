import { MaxUint256, encodeBytes32String, id as keccakText } from "ethers";

import { DISTRIBUTION_SCALE, Frequency } from "../../src/coupons.js";
import { Convention, actualDays } from "../../src/daycount.js";
import { kindsOf } from "../../src/kinds.js";
import { formatBps, formatDate } from "../../src/units.js";
import { BondFactory__factory, Bond__factory } from "../../types/ethers-contracts/index.js";
import type { Chapter } from "./context.js";
import { Ledger, canWarp, now, operatorAct } from "./money.js";

const DAY = 86_400n;
const FACE = 100_00n; // 100.00 a unit
const SIZE = 20_000n;
const TERM_SHEET = "ipfs://bafybeibund2027smebond01/term-sheet.pdf";
const State = ["Book", "Cancelled", "Live", "Redeeming", "Defaulted"] as const;
/** The book: investor, units, yield (bp). */
const BIDS = [
  ["investorA", 6_000n, 305],
  ["investorB", 3_000n, 315],
  ["investorC", 15_000n, 325],
] as const;

const chapter: Chapter = {
  title: "Bonds: a bank builds a book for an SME bond, allocates, lends to an SME and pays a coupon",
  async run(ctx) {
    const { suite, actors } = ctx;
    const { bank, tier2 } = actors;
    const provider = ctx.conn.ethers.provider;
    const factory = BondFactory__factory.connect(suite.addresses.bondFactory, provider);
    const fmt = (v: bigint) => suite.cash.format(v);
    const investors = BIDS.map(([k]) => actors[k]);

    // 1. The asset admin approves the settlement cash for bonds; the bank creates the bond.
    if (!(await factory.isCurrencyApproved(suite.addresses.cash))) {
      const data = factory.interface.encodeFunctionData("setCurrencyApproved", [suite.addresses.cash, true]);
      await operatorAct(ctx, ctx.ops.assetAdmin, suite.addresses.bondFactory, data, "the bond currency approval", () =>
        factory.connect(ctx.ops.assetAdmin).setCurrencyApproved(suite.addresses.cash, true),
      );
    }
    let [created] = await factory.queryFilter(factory.filters.BondCreated(undefined, bank.address));
    if (created === undefined) {
      const t = await now(ctx);
      const bookOpen = t + 1n;
      const bookClose = bookOpen + 14n * DAY - ((bookOpen + 14n * DAY) % DAY);
      const issueDate = bookClose + 2n * DAY - ((bookClose + 2n * DAY) % DAY);
      const terms = {
        issuer: bank.address,
        leadUnderwriter: bank.address,
        currency: suite.addresses.cash,
        denomination: FACE,
        size: SIZE,
        issueDate,
        maturity: issueDate + 365n * DAY,
        frequency: Frequency.Quarterly,
        dayCount: Convention.Act360,
        bookOpen,
        bookClose,
        yieldMinBp: 280,
        yieldMaxBp: 360,
        tickBp: 5,
        minTicket: 100n,
        maxTicket: SIZE,
        investorKinds: kindsOf("INVESTOR", "BANK"),
        gracePeriod: 10n * DAY,
        firstCallDate: 0n,
        callNotice: 0n,
        callPriceBp: 0,
        useOfProceeds: encodeBytes32String("SME_LENDING"),
        termSheetHash: keccakText("Bund 2027 SME bond 01 term sheet"),
      };
      await ctx.settle([
        factory
          .connect(bank.signer)
          .createBond(terms, TERM_SHEET, "Bund 2027 SME Special Financial Bond 01", "BUND27SME01"),
      ]);
      [created] = await factory.queryFilter(factory.filters.BondCreated(undefined, bank.address));
      ctx.log(
        `${bank.name} opened the book of BUND27SME01: ${SIZE} units of ${fmt(FACE)}, 1 year, quarterly ACT/360, yields 2.80%-3.60% in 5 bp ticks, book ${formatDate(bookOpen).slice(0, 10)} to ${formatDate(bookClose)}, issue ${formatDate(issueDate)}`,
      );
    }
    const addr = created.args.bond;
    const bond = Bond__factory.connect(addr, provider);
    const t = await bond.terms();
    const ledger = await new Ledger(ctx, {
      ...Object.fromEntries(investors.map((a) => [a.name.replace(/ \(.*\)$/, ""), a.address])),
      "Bank of the Bund": bank.address,
      "Ningbo Castings (SME)": tier2.address,
      bond: addr,
    }).start();

    // 2. Three investors bid (the escrow is their units x 100.00).
    if ((await bond.book())[0] === 0n) {
      const approvals = [];
      for (const a of investors) {
        if ((await suite.cash.contract.allowance(a.address, addr)) === 0n)
          approvals.push(ctx.as(a.signer).cash.contract.approve(addr, MaxUint256));
      }
      await ctx.settle(approvals);
      if ((await now(ctx)) < t.bookOpen) await ctx.conn.networkHelpers.time.increaseTo(t.bookOpen);
      for (const [k, units, y] of BIDS) {
        await ctx.settle([bond.connect(actors[k].signer).bid(units, y)]);
        await ledger.step(`${actors[k].name} bid ${units} units at ${formatBps(y)}`);
      }
    }

    if (!canWarp(ctx) && (await now(ctx)) < t.bookClose) {
      ctx.log(
        `(on ${ctx.networkName} the book stays open until ${formatDate(t.bookClose)}: finalisation and the coupon are skipped)`,
      );
      return;
    }

    // 3. The book closes; the bank finalises at the full size and every allocation is delivered.
    if (Number(await bond.state()) === 0) {
      if ((await now(ctx)) < t.bookClose) await ctx.conn.networkHelpers.time.increaseTo(t.bookClose);
      await ctx.settle([bond.connect(bank.signer).finalize(SIZE)]);
      const [couponBp, , fill, clearingDemand] = await bond.clearing();
      ctx.log(
        `${bank.name} finalised at ${SIZE} units: clearing yield ${formatBps(couponBp)} (the coupon rate); ${fill} of ${clearingDemand} units bid at it are filled pro rata`,
      );
    }
    const claims = [];
    for (let id = 1n; id <= BigInt(BIDS.length); id++) {
      const b = await bond.bidOf(id);
      if (b.bidder !== "0x0000000000000000000000000000000000000000")
        claims.push(bond.connect(investors.find((a) => a.address === b.bidder)!.signer).claimAllocation(id));
    }
    if (claims.length > 0) {
      await ctx.settle(claims);
      await ledger.step(`the investors claimed their allocations (bonds, and the unfilled escrow back)`);
      ctx.table(
        await Promise.all(
          BIDS.map(async ([k, units, y]) => ({
            investor: actors[k].name,
            bid: `${units} @ ${formatBps(y)}`,
            allocated: String(await bond.balanceOf(actors[k].address)),
            paid: fmt((await bond.balanceOf(actors[k].address)) * FACE),
          })),
        ),
      );
    }

    // 4. The bank takes the proceeds and records a loan to an SME out of them.
    const loans = await bond.queryFilter(bond.filters.ProceedsDisbursed(tier2.address));
    if (loans.length === 0) {
      const [, raised] = await bond.proceeds();
      await ctx.settle([bond.connect(bank.signer).withdrawProceeds(raised)]);
      await ledger.step(`${bank.name} withdrew the proceeds of ${fmt(raised)}`);
      await ctx.settle([
        bond.connect(bank.signer).recordDisbursement(tier2.address, 500_000_00n, keccakText("loan BUND-SME-2027-0042")),
      ]);
      await ctx.settle([ctx.as(bank.signer).cash.transfer(tier2.address, "500,000.00")]);
      await ledger.step(
        `${bank.name} lent 500,000.00 to ${tier2.name} and recorded it against the bond (use of proceeds)`,
      );
    }

    // 5. Coupon 1 falls due: the bank funds it, holders claim.
    if ((await bond.couponsFunded()) === 0n) {
      const due = await bond.couponDate(1n);
      if ((await now(ctx)) < due) {
        if (!canWarp(ctx)) {
          ctx.log(`(coupon 1 is due ${formatDate(due)}: not yet on ${ctx.networkName})`);
          return;
        }
        await ctx.conn.networkHelpers.time.increaseTo(due);
      }
      const days = actualDays(t.issueDate, due);
      const [couponBp] = await bond.clearing();
      // The SDK's figures are the contract's: exact per unit; funded as the holdings' total, rounded up once.
      const { perUnitScaled, amount } = await suite.bonds.bond(addr).coupon(1);
      const exactPerUnit = (Number((perUnitScaled * 100_000_000n) / DISTRIBUTION_SCALE) / 1e10).toFixed(6);
      ctx.log(
        `coupon 1 (${formatDate(t.issueDate)} to ${formatDate(due)}): 100.00 x ${formatBps(couponBp)} x ${days}/360 = ${exactPerUnit} a unit (ACT/360, exact; each holding is rounded down once, when paid)`,
      );
      if ((await suite.cash.contract.allowance(bank.address, addr)) < amount)
        await ctx.settle([ctx.as(bank.signer).cash.contract.approve(addr, amount)]);
      await ctx.settle([bond.connect(bank.signer).fundCoupon(1n, amount)]);
      await ledger.step(`${bank.name} funded coupon 1: ${fmt(amount)}`);
      const claims = await Promise.all(investors.map((a) => bond.claimable(a.address)));
      await ctx.settle(investors.map((a) => bond.connect(a.signer).claimCoupons()));
      const [, carry] = await bond.distributed();
      await ledger.step(
        `the holders claimed their coupons: ${fmt(claims.reduce((x, y) => x + y, 0n))} in all (${fmt(carry / DISTRIBUTION_SCALE)} of rounding dust carried)`,
      );
    }
    ctx.log(`BUND27SME01 is ${State[Number(await bond.state())]}, ${await bond.totalSupply()} units outstanding`);
  },
};

export default chapter;
