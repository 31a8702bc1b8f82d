import { MaxUint256, id as keccakText } from "ethers";

import { formatTokenId, tokenIdOf } from "../../src/areas/receivables.js";
import { Kinds } from "../../src/kinds.js";
import { Basis, platformFee } from "../../src/pricing.js";
import { formatDate } from "../../src/units.js";
import { FactoringMarket__factory } from "../../types/ethers-contracts/index.js";
import type { Chapter } from "./context.js";
import { Ledger, canWarp, now, operatorAct } from "./money.js";

const INVOICE = "SAG-2027-000342";
const FEE_BPS = 50n; // 0.50% platform fee, to the exchange
const RecourseStatus = ["None", "Listed", "Sold", "Exercised"] as const;

const chapter: Chapter = {
  title: "Factoring: tier-1 sells with recourse, the factor re-sells to the bank, default, recourse chain, NPA auction",
  async run(ctx) {
    const { suite, actors } = ctx;
    const { core, tier1, factor, bank, exchange } = actors;
    const r = suite.receivables;
    const marketAddr = suite.addresses.market;
    const market = FactoringMarket__factory.connect(marketAddr, ctx.conn.ethers.provider);
    const as = (a: { signer: import("ethers").Signer }) => market.connect(a.signer);
    const fmt = (v: bigint) => suite.cash.format(v);
    const ledger = await new Ledger(ctx, {
      "Jiangsu Gearbox": tier1.address,
      "Pudong Factoring": factor.address,
      "Bank of the Bund": bank.address,
      "SH Asset Exchange (fees)": exchange.address,
      market: marketAddr,
    }).start();

    // 0. The fee admin sets the platform fee (to the exchange); traders approve the market.
    // With the fee admin's execution delay (besu.json) each change is scheduled and visible first.
    const fa = market.connect(ctx.ops.feeAdmin);
    if ((await market.treasury()) !== exchange.address) {
      const data = market.interface.encodeFunctionData("setTreasury", [exchange.address]);
      await operatorAct(ctx, ctx.ops.feeAdmin, marketAddr, data, "the fee treasury change", () =>
        fa.setTreasury(exchange.address),
      );
    }
    if ((await market.treasury()) === exchange.address && (await market.feeBps()) !== FEE_BPS) {
      const data = market.interface.encodeFunctionData("setFee", [FEE_BPS]);
      if (await operatorAct(ctx, ctx.ops.feeAdmin, marketAddr, data, "the fee change", () => fa.setFee(FEE_BPS)))
        ctx.log(`the fee admin set a 0.50% platform fee paid to ${exchange.name}`);
    }
    const approvals = [];
    for (const a of [tier1, factor, bank]) {
      const cash = ctx.as(a.signer).cash;
      if ((await suite.cash.contract.allowance(a.address, marketAddr)) < 10n ** 30n)
        approvals.push(cash.contract.approve(marketAddr, MaxUint256));
      if (!(await r.contract.isApprovedForAll(a.address, marketAddr)))
        approvals.push(r.contract.connect(a.signer).setApprovalForAll(marketAddr, true));
    }
    await ctx.settle(approvals);

    // 1. Chapter 10's payable is settled: the core enterprise confirms a new 300,000.00 payable to
    //    tier-1, due in 90 days.
    const rootId = await r.fingerprint(INVOICE, tier1.address, core.address);
    const tokenId = tokenIdOf(rootId, 0);
    if (!(await r.isFingerprintUsed(rootId))) {
      const t = Number(await now(ctx)) + 90 * 86400;
      const due = t - (t % 86400);
      await ctx.settle([
        ctx.as(core.signer).receivables.issuePayable(tier1.address, {
          amount: "300,000.00",
          dueDate: BigInt(due),
          invoiceNumber: INVOICE,
          documentHash: keccakText(`${INVOICE} invoice PDF`),
        }),
      ]);
      ctx.log(
        `Shanghai Auto Group issued a confirmed payable of 300,000.00 to Jiangsu Gearbox, due ${formatDate(due)}`,
      );
    }
    const root = (await r.root(rootId))!;

    const listings = async (seller: string) =>
      (await market.queryFilter(market.filters.Listed(undefined, tokenId, seller))).map((e) => e.args.listingId);
    const buy = async (id: bigint, buyer: typeof bank) => {
      const l = await market.listing(id);
      if (l.status !== 1n) return;
      const price = await market.quote(id);
      const fee = platformFee(price, await market.feeBps());
      ctx.log(
        `quote of listing #${id}: price ${fmt(price)} (face ${fmt(l.value)} at ${Number(l.rateBps) / 100}% ACT/360 to ${formatDate(l.dueDate)}), fee ${fmt(fee)}, seller proceeds ${fmt(price - fee)}`,
      );
      await ctx.settle([as(buyer).buy(id, price)]);
      await ledger.step(`${buyer.name} bought ${formatTokenId(tokenId)}`);
    };

    // 2. Tier-1 lists it at 4.35% ACT/360 with recourse, posting 10,000.00 collateral; the factor buys.
    if ((await listings(tier1.address)).length === 0) {
      await ctx.settle([
        as(tier1).list({
          tokenId,
          value: 0n,
          price: 0n,
          rateBps: 435n,
          basis: Basis.Act360,
          expiry: (await now(ctx)) + 7n * 86400n,
          buyerKinds: 0n,
          recourse: true,
          collateral: 10_000_00n,
        }),
      ]);
      await ledger.step(`${tier1.name} listed ${formatTokenId(tokenId)} at 4.35% ACT/360 with recourse`);
    }
    const [l1] = await listings(tier1.address);
    await buy(l1, factor);

    // 3. The factor re-lists it to banks at 4.00% with recourse; the bank buys.
    if ((await listings(factor.address)).length === 0) {
      await ctx.settle([
        as(factor).list({
          tokenId,
          value: 0n,
          price: 0n,
          rateBps: 400n,
          basis: Basis.Act360,
          expiry: (await now(ctx)) + 7n * 86400n,
          buyerKinds: BigInt(Kinds.BANK),
          recourse: true,
          collateral: 0n,
        }),
      ]);
      await ledger.step(`${factor.name} re-listed it to banks at 4.00% ACT/360 with recourse`);
    }
    const [l2] = await listings(factor.address);
    await buy(l2, bank);

    // 4. The debtor defaults. Only a chain that lets time move (in process, a Hardhat or anvil node) skips 127 days.
    if (!canWarp(ctx)) {
      ctx.log(
        `(on ${ctx.networkName} the default, recourse and auction steps are skipped: they need 127 days to pass)`,
      );
      return;
    }
    if ((await r.root(rootId))!.status !== "Defaulted") {
      const t = await now(ctx);
      const at = root.dueDate + (7n + 30n) * 86400n + 1n;
      if (t < at) await ctx.conn.networkHelpers.time.increase(at - t);
      await ctx.settle([ctx.as(bank.signer).receivables.declareDefault(tokenId)]);
      ctx.log(`Shanghai Auto Group missed ${root.dueDateIso} + 7 days grace + 30 days: ${bank.name} declared default`);
    }

    // 5. The recourse chain: the bank against the factor, the factor against tier-1; each seller
    //    settles the debt left after collateral.
    for (const [id, buyer, seller] of [
      [l2, bank, factor],
      [l1, factor, tier1],
    ] as const) {
      let rec = await market.recourseOf(id);
      if (RecourseStatus[Number(rec.status)] === "Sold") {
        await ctx.settle([as(buyer).exerciseRecourse(id)]);
        rec = await market.recourseOf(id);
        await ledger.step(
          `${buyer.name} exercised recourse on listing #${id}: owed ${fmt(rec.price)}, ${fmt(rec.price - rec.debt)} from collateral, ${seller.name} owes ${fmt(rec.debt)}; the fragment went back to it`,
        );
      }
      if (rec.debt > 0n) {
        await ctx.settle([as(seller).settleRecourseDebt(id, rec.debt)]);
        await ledger.step(`${seller.name} paid its recourse debt of ${fmt(rec.debt)}`);
      }
    }

    // 6. Tier-1 auctions the defaulted fragment (non-performing asset disposal): two bids, settle.
    const auctions = await market.queryFilter(market.filters.AuctionCreated(undefined, tokenId));
    if (auctions.length === 0) {
      const end = (await now(ctx)) + 86400n;
      await ctx.settle([as(tier1).createAuction(tokenId, 30_000_00n, 1_000_00n, end, 0)]);
      const [ev] = await market.queryFilter(market.filters.AuctionCreated(undefined, tokenId));
      const id = ev.args.auctionId;
      await ledger.step(
        `${tier1.name} auctioned the defaulted ${formatTokenId(tokenId)}: reserve 30,000.00, step 1,000.00, 1 day`,
      );
      await ctx.settle([as(bank).bid(id, 30_000_00n)]);
      await ledger.step(`${bank.name} bid 30,000.00 (escrowed)`);
      await ctx.settle([as(factor).bid(id, 32_500_00n)]);
      await ledger.step(`${factor.name} bid 32,500.00 (escrowed; the bank's bid becomes a refund)`);
      await ctx.conn.networkHelpers.time.increase(86400n + 1n);
      await ctx.settle([as(exchange).settleAuction(id)]);
      await ledger.step(`the auction settled: ${factor.name} won at 32,500.00, fee to the exchange`);
      await ctx.settle([as(bank).withdrawRefund(suite.addresses.cash)]);
      await ledger.step(`${bank.name} withdrew its refund`);
    }
    ctx.log();
    const holder = await r.contract.ownerOf(tokenId);
    const holderName = Object.values(actors).find((a) => a.address === holder)?.name ?? holder;
    ctx.log(`${formatTokenId(tokenId)}: ${(await r.root(rootId))!.state}, held by ${holderName}`);
    await ledger.table();
  },
};

export default chapter;
