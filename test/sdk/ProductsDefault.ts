import { expect } from "chai";
import { Wallet, ZeroAddress, type Signer } from "ethers";

import { UnitError, connect, disposalFee, formatDate, tokenIdOf } from "../../src/index.js";
import { deploySuiteForSdk, freeGas, wait } from "../helpers/sdk.js";

/** Besu's fee settings with automine: members' wallets hold no ether and pay gasPrice 0. */
const conn = freeGas;
const { ethers, networkHelpers } = conn;
const { time } = networkHelpers;
const DAY = 86_400n;
const ORDER = ethers.encodeBytes32String("ORDER-7");

/**
 * An active product through the SDK, fresh wallets without ether: F1 600,000.00 (180 days) and F2
 * 400,000.00 (30 days) of the core enterprise to the factor; 80% senior at 3.2%, servicing 0.5%,
 * exchange fee 1%; s1 8,000 senior and j1 2,000 junior shares, closed and delivered. Bidders b1
 * (FACTOR) and b2 (BANK) hold 1,000,000.00, the disposal agent `recovery` (FACTOR) 500,000.00. The
 * market's treasury is the exchange. Time is past F2's default date (due + 7 days' grace + 30 days).
 */
async function activeFixture() {
  const { addresses, signers } = await deploySuiteForSdk();
  const registrar = connect(addresses, signers[1]);
  const bank = connect(addresses, signers[2]);
  const cast = {
    core: "CORE_ENTERPRISE",
    factor: "FACTOR",
    agent: "REGISTRATION_AGENT",
    agency: "RATING_AGENCY",
    exchange: "EXCHANGE",
    s1: "INVESTOR",
    j1: "INVESTOR",
    b1: "FACTOR",
    b2: "BANK",
    recovery: "FACTOR",
  } as const;
  const w = Object.fromEntries(Object.keys(cast).map((k) => [k, Wallet.createRandom(ethers.provider)])) as Record<
    keyof typeof cast,
    ReturnType<typeof Wallet.createRandom>
  >;
  for (const [key, kind] of Object.entries(cast)) {
    await wait(
      registrar.registry.register({
        code: `PDF-${key}`,
        kinds: [kind],
        kycExpiry: "2099-01-01",
        jurisdiction: "CN",
        wallet: w[key as keyof typeof cast].address,
      }),
    );
  }
  await wait(bank.cash.mint(w.core.address, "10,000,000.00"));
  for (const k of ["s1", "j1", "b1", "b2"] as const) await wait(bank.cash.mint(w[k].address, "1,000,000.00"));
  await wait(bank.cash.mint(w.recovery.address, "500,000.00"));
  const as = (s: Signer) => connect(addresses, s);
  const reader = connect(addresses, ethers.provider);
  const feeAdmin = connect(addresses, signers[5]).market.contract;
  await wait(feeAdmin.setTreasury(w.exchange.address));

  const ids: bigint[] = [];
  for (const [amount, tenor, invoice] of [
    ["600,000.00", 180n, "PDF-1"],
    ["400,000.00", 30n, "PDF-2"],
  ] as const) {
    const due = BigInt(await time.latest()) + tenor * DAY;
    const r = as(w.core).receivables;
    await wait(r.issuePayable(w.factor.address, { amount, dueDate: due, invoiceNumber: invoice }));
    ids.push(tokenIdOf(await r.fingerprint(invoice, w.factor.address, w.core.address), 0));
  }
  const factor = as(w.factor).products;
  const receipt = (await (
    await factor.create(
      ids,
      { seniorShare: "80%", seniorRate: "3.2%", servicingFee: "0.5%" },
      { exchange: w.exchange.address, ratingAgency: w.agency.address, registrar: w.agent.address },
    )
  ).wait())!;
  const address = factor.productOf(receipt)!;
  await wait(as(w.agent).products.product(address).approve());
  const now = BigInt(await time.latest());
  await wait(
    as(w.agency)
      .products.product(address)
      .rate({ grade: "AA", expiry: formatDate(now + 365n * DAY), reportUri: "ipfs://rating" }),
  );
  const listing = {
    opens: formatDate(now + 10n),
    closes: formatDate(now + 5n * DAY),
    pricePerShare: "100.00",
    minRaise: "500,000.00",
    cap: "1,000,000.00",
    minTicket: "100.00",
    maxTicket: "1,000,000.00",
    investorKinds: ["INVESTOR"],
    exchangeFee: "1%",
  };
  // The bound exchange proposes; the originator accepts the same terms (issue 12).
  await wait(as(w.exchange).products.product(address).list(listing));
  await wait(as(w.factor).products.product(address).acceptListing(listing));
  await time.increaseTo(now + 10n);
  await wait(as(w.s1).products.product(address).subscribe("senior", 8_000n));
  await wait(as(w.j1).products.product(address).subscribe("junior", 2_000n));
  await time.increaseTo(now + 5n * DAY + 1n);
  const anyone = as(w.exchange).products.product(address);
  await wait(anyone.closeOffering());
  await wait(anyone.claimShares(w.s1.address, 0));
  await wait(anyone.claimShares(w.j1.address, 1));
  const f2Due = (await reader.receivables.root(ids[1] >> 32n))!.dueDate;
  await time.increaseTo(f2Due + 37n * DAY + 1n);
  return {
    addresses,
    signers,
    w,
    as,
    reader,
    feeAdmin,
    ids,
    address,
    f1: ids[0],
    f2: ids[1],
    origin: as(w.factor).products.product(address),
    view: reader.products.product(address),
  };
}

/** ...with F2 declared defaulted through the handle. */
async function defaultedFixture() {
  const f = await activeFixture();
  await wait(f.origin.declareDefault(f.f2));
  return f;
}

describe("SDK: product defaults and disposal", () => {
  it("declares default and auctions in human units; the settlement preview equals the proceeds and Distributed gross to the base unit", async () => {
    const f = await networkHelpers.loadFixture(activeFixture);
    expect((await f.reader.receivables.root(f.f2 >> 32n))!.status).to.equal("Confirmed");
    await wait(f.origin.declareDefault(f.f2));
    expect((await f.reader.receivables.root(f.f2 >> 32n))!.status).to.equal("Defaulted");
    expect(await f.view.previewLoss(f.f2)).to.equal(400_000_00n);
    expect(await f.view.custodyOf(f.f2)).to.equal("Held");

    const now = BigInt(await time.latest());
    expect(
      await f.view.auctionDefaultedArgs(
        f.f2,
        { reserve: "100,000.00", minIncrement: "5,000.00", end: "7d", buyerKinds: ["FACTOR", "BANK"] },
        now,
      ),
    ).to.deep.equal({
      tokenId: f.f2,
      reserve: 100_000_00n,
      minIncrement: 5_000_00n,
      endTime: now + 7n * DAY,
      buyerKinds: 0,
    });
    expect(
      (await f.view.auctionDefaultedArgs(f.f2, { reserve: 1n, end: "2030-01-02T03:04:05Z", buyerKinds: ["BANK"] }))
        .buyerKinds,
    ).to.equal(8);
    const end = new Date(Number(now + 7n * DAY) * 1000);
    await wait(f.origin.auctionDefaulted(f.f2, { reserve: "100,000.00", minIncrement: "5,000.00", end }));

    expect(await f.view.auctionOf(f.f2)).to.equal(1n);
    expect((await f.view.basket())[1]).to.deep.equal({
      tokenId: f.f2,
      custody: "Auctioned",
      value: 400_000_00n,
      collectable: 0n,
      auctionId: 1n,
    });
    const a = (await f.view.disposalAuction(f.f2))!;
    expect(a).to.deep.include({
      auctionId: 1n,
      seller: f.address,
      open: true,
      sold: false,
      feeBps: 0n,
      ended: false,
      reserve: 100_000_00n,
      minIncrement: 5_000_00n,
      endTime: now + 7n * DAY,
      buyerKindNames: ["FACTOR", "BANK"],
    });
    expect(await f.view.market.auction(1n)).to.deep.include({ seller: f.address, tokenId: f.f2 });
    expect(await f.view.previewDisposalSettlement(f.f2)).to.deep.include({
      sold: false,
      reason: "no bid",
      proceeds: 0n,
      ended: false,
    });
    const [auctioned] = await f.view.disposalAuctions(f.f2);
    expect([auctioned.args.auctionId, auctioned.args.loss, auctioned.args.reserve]).to.deep.equal([
      1n,
      400_000_00n,
      100_000_00n,
    ]);
    expect((await f.view.waterfall()).losses).to.equal(400_000_00n);

    await wait(f.as(f.w.b1).market.bid(1n, "123,456.79"));
    await wait(f.as(f.w.b2).market.bid(1n, "130,001.01"));
    // The fee admin sets a 2.50% fee after the bids: the market applies the rate at settlement.
    await wait(f.feeAdmin.setFee(250));
    await time.increaseTo(a.endTime + 1n);
    const preview = await f.view.previewDisposalSettlement(f.f2);
    // 130,001.01 x 2.5% = 3,250.02525: the fee rounds down to 3,250.02.
    expect(preview).to.deep.equal({
      tokenId: f.f2,
      auctionId: 1n,
      ended: true,
      settledAtMarket: false,
      sold: true,
      winner: f.w.b2.address,
      bid: 130_001_01n,
      feeBps: 250n,
      fee: 3_250_02n,
      proceeds: 126_750_99n,
    });
    expect(disposalFee(130_001_01n, 250n)).to.equal(3_250_02n);
    const at = a.endTime + 30n;
    const split = await f.view.previewDistribution(preview.proceeds, at);
    await time.setNextBlockTimestamp(at);
    const receipt = (await (await f.as(f.w.s1).products.product(f.address).settleDisposalAuction(f.f2)).wait())!;
    const events = f.view.eventsIn(receipt);
    const settled = events.find((e) => e.name === "DisposalAuctionSettled")!.args;
    expect([settled.winner, settled.proceeds]).to.deep.equal([f.w.b2.address, preview.proceeds]);
    const d = events.find((e) => e.name === "Distributed")!.args;
    expect(d).to.deep.equal({
      gross: preview.proceeds,
      servicingFee: split.servicingFee,
      exchangeFee: split.exchangeFee,
      seniorInterest: split.seniorInterest,
      seniorPrincipal: split.seniorPrincipal,
      junior: split.junior,
    });
    expect(await f.reader.cash.balanceOf(f.w.exchange.address)).to.equal(10_000_00n + preview.fee + split.exchangeFee);
    expect(await f.view.custodyOf(f.f2)).to.equal("Released");
    expect(await f.view.auctionOf(f.f2)).to.equal(0n);
    expect(await f.view.disposalAuction(f.f2)).to.equal(undefined);
    expect(await f.reader.receivables.contract.ownerOf(f.f2)).to.equal(f.w.b2.address);
    expect((await f.view.waterfall()).losses).to.equal(400_000_00n - preview.proceeds);
    const [s] = await f.view.disposalSettlements();
    expect([s.args.tokenId, s.args.auctionId, s.args.proceeds]).to.deep.equal([f.f2, 1n, preview.proceeds]);
  });

  it("previews a settlement made at the market first with the fee the market applied then", async () => {
    const f = await networkHelpers.loadFixture(defaultedFixture);
    await wait(f.feeAdmin.setFee(100));
    await wait(f.origin.auctionDefaulted(f.f2, { reserve: "1.00", end: "1d" }));
    await wait(f.as(f.w.b1).market.bid(1n, "77,777.77"));
    await time.increase(DAY + 1n);
    await wait(f.as(f.w.b2).market.settleAuction(1n));
    await wait(f.feeAdmin.setFee(500));
    const preview = await f.view.previewDisposalSettlement(f.f2);
    // 77,777.77 x 1% = 777.7777: fee 777.77, net 77,000.00.
    expect(preview).to.deep.include({
      settledAtMarket: true,
      sold: true,
      feeBps: 100n,
      fee: 777_77n,
      proceeds: 77_000_00n,
    });
    expect((await f.view.disposalAuction(f.f2))!).to.deep.include({ open: false, sold: true, feeBps: 100n });
    const receipt = (await (await f.origin.settleDisposalAuction(f.f2)).wait())!;
    const d = f.view.eventsIn(receipt).find((e) => e.name === "Distributed")!.args;
    expect(d.gross).to.equal(preview.proceeds);
  });

  it("writes off, previews an unsold auction (frozen winner), sells at a second auction, and takes further proceeds approving first", async () => {
    const f = await networkHelpers.loadFixture(defaultedFixture);
    await wait(f.origin.writeOff(f.f2));
    expect(await f.view.custodyOf(f.f2)).to.equal("WrittenOff");
    const [w] = await f.view.writeOffs(f.f2);
    expect(w.args.loss).to.equal(400_000_00n);
    const [alloc] = await f.view.lossAllocations();
    expect([alloc.args.juniorWritten, alloc.args.seniorWritten]).to.deep.equal([200_000_00n, 200_000_00n]);

    const end = BigInt(await time.latest()) + 2n * DAY;
    await wait(f.origin.auctionDefaulted(f.f2, { reserve: 50_000_00n, end, buyerKinds: ["BANK"] }));
    expect((await f.view.disposalAuction(f.f2))!.buyerKindNames).to.deep.equal(["BANK"]);
    await wait(f.as(f.w.b2).market.bid(1n, "60,000.00"));
    await wait(connect(f.addresses, f.signers[4]).registry.contract.freezeWallet(f.w.b2.address, ORDER));
    await time.increaseTo(end + 1n);
    expect(await f.view.previewDisposalSettlement(f.f2)).to.deep.include({
      sold: false,
      winner: ZeroAddress,
      proceeds: 0n,
      reason: "the winner is not eligible (Frozen)",
    });
    await wait(f.origin.settleDisposalAuction(f.f2));
    expect(await f.view.custodyOf(f.f2)).to.equal("WrittenOff");
    const [s] = await f.view.disposalSettlements(f.f2);
    expect([s.args.winner, s.args.proceeds]).to.deep.equal([ZeroAddress, 0n]);

    // No hand-over to a disposal agent (issue 12): the written-off fragment is auctioned again and
    // the recovery agent (a factor) buys it for 50,000.00 (market fee 0).
    const again = BigInt(await time.latest()) + 2n * DAY;
    await wait(f.origin.auctionDefaulted(f.f2, { reserve: "50,000.00", end: again }));
    await wait(f.as(f.w.recovery).market.bid(2n, "50,000.00"));
    await time.increaseTo(again + 1n);
    await wait(f.origin.settleDisposalAuction(f.f2));
    expect(await f.view.custodyOf(f.f2)).to.equal("Released");
    expect(await f.reader.receivables.contract.ownerOf(f.f2)).to.equal(f.w.recovery.address);
    const sold = (await f.view.disposalSettlements(f.f2))[1];
    expect([sold.args.auctionId, sold.args.winner, sold.args.proceeds]).to.deep.equal([
      2n,
      f.w.recovery.address,
      50_000_00n,
    ]);
    expect((await f.view.waterfall()).losses).to.equal(350_000_00n);
    expect(await f.reader.cash.balanceOf(f.w.recovery.address)).to.equal(450_000_00n);
    expect(await f.reader.cash.contract.allowance(f.w.recovery.address, f.address)).to.equal(0n);
    const receipt = (await (
      await f.as(f.w.recovery).products.product(f.address).receiveDisposalProceeds(f.f2, "150,000.00")
    ).wait())!;
    const d = f.view.eventsIn(receipt).find((e) => e.name === "Distributed")!.args;
    expect([d.gross, d.servicingFee, d.exchangeFee]).to.deep.equal([150_000_00n, 750_00n, 1_500_00n]);
    expect(await f.reader.cash.balanceOf(f.w.recovery.address)).to.equal(300_000_00n);
    expect(await f.reader.cash.contract.allowance(f.w.recovery.address, f.address)).to.equal(0n);
    const [p] = await f.view.disposalProceeds(f.f2);
    expect([p.args.payer, p.args.amount]).to.deep.equal([f.w.recovery.address, 150_000_00n]);
    expect((await f.view.waterfall()).losses).to.equal(200_000_00n);
  });

  it("refuses bad human input by field, and a preview of a fragment not on auction", async () => {
    const f = await networkHelpers.loadFixture(defaultedFixture);
    const args = (over: object) =>
      f.view.auctionDefaultedArgs(f.f2, { reserve: "1.00", end: "1d", ...over } as never, 1_000n);
    await expect(args({ reserve: "0" })).to.be.rejectedWith(UnitError, "reserve: must be greater than zero");
    await expect(args({ reserve: "1.001" })).to.be.rejectedWith(UnitError, "reserve: has more than 2 decimal places");
    await expect(args({ minIncrement: "-1" })).to.be.rejectedWith(UnitError, "minIncrement: must not be negative");
    await expect(args({ end: "soon" })).to.be.rejectedWith(
      UnitError,
      "end: is neither an ISO date-time nor a duration",
    );
    await expect(args({ end: new Date("nope") })).to.be.rejectedWith(UnitError, "end: is not a valid date");
    await expect(args({ buyerKinds: ["WHALE"] })).to.be.rejectedWith(UnitError, "buyerKinds:");
    await expect(f.view.previewDisposalSettlement(f.f1)).to.be.rejectedWith(
      UnitError,
      "tokenId: is not on auction (custody Held)",
    );
    await expect(f.origin.receiveDisposalProceeds(f.f2, "0")).to.be.rejectedWith(
      UnitError,
      "amount: must be greater than zero",
    );
  });
});
