import { ZeroAddress, encodeBytes32String, id as keccakText } from "ethers";

import { listingTermsHash } from "../../src/areas/products.js";
import { formatTokenId, tokenIdOf } from "../../src/areas/receivables.js";
import { kindsOf } from "../../src/kinds.js";
import { formatDate } from "../../src/units.js";
import {
  ProductFactory__factory,
  RevenueProduct__factory,
  TrancheToken__factory,
} from "../../types/ethers-contracts/index.js";
import type { Chapter } from "./context.js";
import { Ledger, canWarp, now } from "./money.js";

const DAY = 86_400n;
const Phase = ["None", "Originated", "Approved", "Listed", "Active", "Failed", "Closed"] as const;
/** The basket: fresh confirmed payables to the factor (debtor, invoice, face, tenor in days). */
const BASKET = [
  ["core", "SAG-2027-000501", "600,000.00", 120],
  ["core", "SAG-2027-000502", "400,000.00", 150],
  ["tier1", "JGC-2027-000777", "200,000.00", 60],
] as const;
const HELD = 1;
const AUCTIONED = 5;
/** Subscriptions: investor, tranche (0 senior, 1 junior), shares of 100.00. */
const SUBSCRIPTIONS = [
  ["investorA", 0n, 3_000n],
  ["investorC", 0n, 5_000n],
  ["investorB", 1n, 1_500n],
  ["investorA", 1n, 500n],
] as const;

const chapter: Chapter = {
  title:
    "Products: the factor pools receivables into a rated senior/junior product; collections flow down the waterfall; a default is auctioned",
  async run(ctx) {
    const { suite, actors } = ctx;
    const { core, tier1, factor, bank, agent, rating, exchange } = actors;
    const r = suite.receivables;
    const provider = ctx.conn.ethers.provider;
    const factory = ProductFactory__factory.connect(suite.addresses.productFactory, provider);
    const fmt = (v: bigint) => suite.cash.format(v);
    const short = (n: string) => n.replace(/ \(.*\)$/, "");

    // 1. The factor needs performing receivables: the core enterprise issues two confirmed payables
    //    to it, the tier-1 supplier a third.
    const ids: bigint[] = [];
    for (const [debtorKey, invoice, amount, tenor] of BASKET) {
      const debtor = actors[debtorKey];
      const rootId = await r.fingerprint(invoice, factor.address, debtor.address);
      ids.push(tokenIdOf(rootId, 0));
      if (await r.isFingerprintUsed(rootId)) continue;
      const t = (await now(ctx)) + BigInt(tenor) * DAY;
      await ctx.settle([
        ctx.as(debtor.signer).receivables.issuePayable(factor.address, {
          amount,
          dueDate: t - (t % DAY),
          invoiceNumber: invoice,
          documentHash: keccakText(`${invoice} invoice PDF`),
        }),
      ]);
      ctx.log(
        `${short(debtor.name)} issued a confirmed payable of ${amount} to ${short(factor.name)}, due ${formatDate(t - (t % DAY))}`,
      );
    }

    // 2. The factor pools them: 80% senior at a 3.20% target yield, 20% junior, 0.50% servicing fee.
    let [created] = await factory.queryFilter(factory.filters.ProductCreated(undefined, factor.address));
    if (created === undefined) {
      if (!(await r.contract.isApprovedForAll(factor.address, suite.addresses.productFactory)))
        await ctx.settle([r.contract.connect(factor.signer).setApprovalForAll(suite.addresses.productFactory, true)]);
      await ctx.settle([
        factory.connect(factor.signer).createProduct(
          ids,
          { seniorBps: 8_000, seniorRateBps: 320, servicingFeeBps: 50 },
          // Bound at creation: only this exchange, rating agency and registration agent act on it.
          { exchange: exchange.address, ratingAgency: rating.address, registrar: agent.address },
        ),
      ]);
      [created] = await factory.queryFilter(factory.filters.ProductCreated(undefined, factor.address));
      ctx.log(
        `${short(factor.name)} pooled ${ids
          .map(formatTokenId)
          .map((x) => x.slice(0, 10) + "…")
          .join(
            ", ",
          )} (face ${fmt(created.args.face)}) into a product: 80% senior at 3.20%, 20% junior, servicing 0.50%`,
      );
    }
    const addr = created.args.product;
    const product = RevenueProduct__factory.connect(addr, provider);
    const phase = async () => Phase[Number(await product.phase())];
    const ledger = await new Ledger(ctx, {
      "Pudong Factoring": factor.address,
      "SH Asset Exchange": exchange.address,
      "Harbour Pension": actors.investorA.address,
      "Li Wei FO": actors.investorB.address,
      "Pearl River Life": actors.investorC.address,
      "Shanghai Auto": core.address,
      "Bank of the Bund": bank.address,
      product: addr,
    }).start();

    // 3. Registration agent approves, the rating agency rates AA, the exchange lists.
    if ((await phase()) === "Originated") {
      await ctx.settle([product.connect(agent.signer).approve()]);
      ctx.log(`${agent.name} approved the register`);
    }
    if ((await product.rating()).agency === ZeroAddress) {
      await ctx.settle([
        product
          .connect(rating.signer)
          .rate(
            encodeBytes32String("AA").slice(0, 18),
            2,
            (await now(ctx)) + 365n * DAY,
            "ipfs://lujiazui-ratings/pf-2027-01.pdf",
            keccakText("rating report PF-2027-01"),
          ),
      ]);
      ctx.log(`${rating.name} rated it AA (notch 2), valid one year`);
    }
    if ((await phase()) === "Approved") {
      const t = await now(ctx);
      const face = await product.faceValue();
      const terms = {
        exchange: ZeroAddress,
        opens: t + 60n,
        closes: t + 60n + 7n * DAY,
        investorKinds: kindsOf("INVESTOR"),
        exchangeFeeBps: 100n,
        pricePerShare: 100_00n,
        minRaise: face / 2n,
        cap: face,
        minTicket: 100_00n,
        maxTicket: face,
      };
      // The terms agreed between the exchange and the originator (a re-run takes up those proposed).
      let agreed = listingTermsHash(terms, exchange.address);
      if ((await product.listing()).exchange === ZeroAddress) {
        await ctx.settle([product.connect(exchange.signer).list(terms)]);
        ctx.log(`${exchange.name} proposed the listing terms: 100.00 a share, 1.00% exchange fee, 7-day window`);
      } else agreed = listingTermsHash(await product.listing());
      // The originator consents to the terms it agreed to, by their hash: a changed proposal is refused.
      await ctx.settle([product.connect(factor.signer).acceptListing(agreed)]);
      ctx.log(
        `${short(factor.name)} accepted them: listed, ${(await product.tranche(0)).supply} senior + ${(await product.tranche(1)).supply} junior shares`,
      );
    }
    const listing = await product.listing();

    // 4. Investors subscribe (escrowed).
    if ((await phase()) === "Listed" && (await product.tranche(0)).requested === 0n) {
      if (canWarp(ctx) && (await now(ctx)) < listing.opens)
        await ctx.conn.networkHelpers.time.increaseTo(listing.opens);
      if ((await now(ctx)) < listing.opens) {
        ctx.log(`(the window opens ${formatDate(listing.opens)}: re-run to subscribe)`);
        return;
      }
      for (const [k, tranche, shares] of SUBSCRIPTIONS) {
        const a = actors[k];
        await ctx.settle([ctx.as(a.signer).cash.contract.approve(addr, shares * listing.pricePerShare)]);
        await ctx.settle([product.connect(a.signer).subscribe(tranche, shares)]);
        await ledger.step(`${a.name} subscribed ${shares} ${tranche === 0n ? "senior" : "junior"} shares`);
      }
    }

    // 5. The window ends: anyone closes; investors take their shares.
    if ((await phase()) === "Listed") {
      if (!canWarp(ctx) && (await now(ctx)) <= listing.closes) {
        ctx.log(
          `(the window closes ${formatDate(listing.closes)} on ${ctx.networkName}: closing and collections are skipped)`,
        );
        return;
      }
      if ((await now(ctx)) <= listing.closes) await ctx.conn.networkHelpers.time.increaseTo(listing.closes + 1n);
      await ctx.settle([product.connect(exchange.signer).closeOffering()]);
      await ledger.step(`the offering closed (${await phase()}): the factor got the raise less the exchange fee`);
      const claims = [];
      for (const [k, tranche] of SUBSCRIPTIONS) {
        if (!(await product.subscription(actors[k].address, tranche))[1])
          claims.push(product.connect(exchange.signer).claimShares(actors[k].address, tranche));
      }
      await ctx.settle(claims);
      ctx.log("shares delivered to the investors");
    }
    const tokens = [0n, 1n].map(async (i) => TrancheToken__factory.connect((await product.tranche(i)).token, provider));
    const [senior, junior] = await Promise.all(tokens);

    // 6. 30 days on, the core enterprise repays both its receivables early; a collection runs the waterfall.
    if ((await product.waterfall()).collected === 0n && (await phase()) === "Active") {
      if (!canWarp(ctx)) return;
      await ctx.conn.networkHelpers.time.increase(30n * DAY);
      for (const id of ids.slice(0, 2)) {
        const root = (await r.root(id >> 32n))!;
        if (root.outstanding > 0n)
          await ctx.settle([ctx.as(core.signer).receivables.repay(id >> 32n, root.outstanding)]);
      }
      await ledger.step(
        `${short(core.name)} repaid both receivables (held by the receivables contract until the product collects)`,
      );
      await ctx.settle([product.connect(exchange.signer).collect(0n, BigInt(ids.length))]);
      await ledger.step(`a collection ran through the waterfall`);
      const [ev] = await product.queryFilter(product.filters.Distributed());
      const a = ev.args;
      ctx.table([
        { line: "gross collected", amount: fmt(a.gross) },
        { line: "servicing fee (factor, 0.50%)", amount: fmt(a.servicingFee) },
        { line: "exchange fee (1.00%)", amount: fmt(a.exchangeFee) },
        { line: "senior interest (3.20% ACT/365)", amount: fmt(a.seniorInterest) },
        { line: "senior principal", amount: fmt(a.seniorPrincipal) },
        { line: "junior (residual)", amount: fmt(a.junior) },
      ]);
    }

    // 7. Tier-1 never pays its 200,000.00: past due date, grace and default period the factor, as
    //    servicer, declares the default and the product auctions the payable at the factoring market.
    const bad = ids[2];
    const custody = async () => Number((await product.basket())[1][2]);
    if ((await phase()) === "Active" && (await custody()) === HELD && canWarp(ctx)) {
      const root = (await r.root(bad >> 32n))!;
      if (root.status !== "Defaulted") {
        const at = root.dueDate + (7n + 30n) * DAY + 1n;
        const t = await now(ctx);
        if (t < at) await ctx.conn.networkHelpers.time.increase(at - t);
        await ctx.settle([product.connect(factor.signer).declareDefault(bad)]);
        ctx.log(
          `${short(tier1.name)} missed ${root.dueDateIso} + 7 days grace + 30 days: ${short(factor.name)}, as servicer, declared the default`,
        );
      }
      const end = (await now(ctx)) + 2n * DAY;
      await ctx.settle([product.connect(factor.signer).auctionDefaulted(bad, 50_000_00n, 1_000_00n, end, 0)]);
      const [loss] = await product.queryFilter(product.filters.LossAllocated());
      await ledger.step(
        `the product put the defaulted payable up for auction at the market (reserve 50,000.00, 2 days); its loss of ${fmt(loss.args.loss)} is written down: junior ${fmt(loss.args.juniorWritten)}, senior ${fmt(loss.args.seniorWritten)}`,
      );
    }
    if ((await custody()) === AUCTIONED && canWarp(ctx)) {
      const auctionId = await product.auctionOf(bad);
      if ((await suite.market.contract.auction(auctionId)).highestBidder === ZeroAddress) {
        await ctx.settle([ctx.as(bank.signer).market.bid(auctionId, "62,000.00")]);
        await ledger.step(`${bank.name} bid 62,000.00 for it (escrowed by the market)`);
      }
      const end = (await suite.market.contract.auction(auctionId)).endTime;
      if ((await now(ctx)) <= end) await ctx.conn.networkHelpers.time.increaseTo(end + 1n);
      await ctx.settle([product.connect(exchange.signer).settleDisposalAuction(bad)]);
      const [sold] = await product.queryFilter(product.filters.DisposalAuctionSettled(bad));
      await ledger.step(
        `the auction settled: ${short(bank.name)} holds the payable; the product received ${fmt(sold.args.proceeds)} (the bid less the market fee) and ran it down the waterfall`,
      );
      const d = (await product.queryFilter(product.filters.Distributed())).at(-1)!.args;
      const t1 = await product.tranche(1n);
      ctx.table([
        { line: "disposal proceeds", amount: fmt(d.gross) },
        { line: "servicing fee (0.50%) + exchange fee (1.00%)", amount: fmt(d.servicingFee + d.exchangeFee) },
        { line: "senior (already repaid)", amount: fmt(d.seniorInterest + d.seniorPrincipal) },
        { line: "junior", amount: fmt(d.junior) },
        { line: "junior principal still written down", amount: fmt(t1.written) },
      ]);
    }

    // 8. The shareholders pull what was distributed to them (also on a re-run that stopped before).
    const claims = [];
    // Each holder once (one investor holds both tranches): on a node, claims are read before any is mined.
    for (const k of new Set(SUBSCRIPTIONS.map(([key]) => key))) {
      for (const tok of [senior, junior])
        if ((await tok.claimable(actors[k].address)) > 0n) claims.push(tok.connect(actors[k].signer).claim());
    }
    if (claims.length > 0) {
      await ctx.settle(claims);
      await ledger.step(`the shareholders claimed their distributions`);
    }

    // 9. Every fragment is settled or disposed of: anyone winds the product down; the rounding dust
    //    goes to the treasury, and holders can still claim afterwards.
    const resolved = async () => {
      for (const [i, c] of (await product.basket())[1].entries()) {
        if (Number(c) === AUCTIONED) return false;
        if (Number(c) === HELD && (await r.root(ids[i] >> 32n))!.status !== "Settled") return false;
      }
      return true;
    };
    if ((await phase()) === "Active" && (await resolved())) {
      await ctx.settle([product.connect(exchange.signer).windDown()]);
      const [closed] = await product.queryFilter(product.filters.ProductClosed());
      ctx.log(`the product wound down (${await phase()}): ${fmt(closed.args.dust)} of rounding dust to the treasury`);
    }
    ctx.log(
      `product ${addr.slice(0, 10)}… is ${await phase()}; senior balance ${fmt((await product.waterfall()).seniorBalance)}`,
    );
  },
};

export default chapter;
