import { expect } from "chai";

import { WaterfallMath, formatDate, parseTokenId } from "../../src/index.js";
import { ethers, failure, networkHelpers, run } from "./helpers.js";
import { PARTIES, active, created, listed, load, productMembers } from "./productsSetup.js";

const NOT_SENT = "no transaction sent";
const DAY = 86_400n;
const { time } = networkHelpers;
const ADDRESS = "0x[0-9a-fA-F]{40}";

describe("Tasks: product", () => {
  it("creates a product from the factor's fragments, approving the factory first, and ls lists it", async () => {
    const f = await load(productMembers);
    const { result, out } = await run(["product", "create"], {
      from: "factor",
      fragments: f.fragments.join(" "),
      seniorShare: "80%",
      seniorRate: "3.2%",
      servicingFee: "0.5%",
      ...PARTIES,
    });
    const { hash, product } = result as { hash: string; product: string };
    expect(out).to.match(
      new RegExp(
        `^\\[1/2\\] approve the product factory as operator of factor \\(${f.factor.address}\\)'s fragments: tx 0x`,
        "m",
      ),
    );
    expect(out).to.contain(
      `[2/2] create a product of 2 fragments (face 1,000,000.00): senior 80% at 3.2%, servicing fee 0.5%; exchange exchange (${f.exchange.address}), rating agency agency (${f.agency.address}), registration agent agent (${f.agent.address}): tx ${hash}`,
    );
    expect(out).to.contain(
      `bound parties: exchange exchange (${f.exchange.address}), rating agency agency (${f.agency.address}), registration agent agent (${f.agent.address})`,
    );
    expect(out).to.contain(`  product ${product} (#1)`);
    expect(out).to.contain(`phase Originated, originator factor (${f.factor.address}), face 1,000,000.00`);
    expect(out).to.contain("terms: senior 80% / junior, senior rate 3.2%, servicing fee 0.5%");
    expect(out).to.match(new RegExp(`${f.fragments[0]}\\s+Held\\s+600,000\\.00\\s+0\\.00`));
    const p = f.suite.products.product(product);
    expect(await f.suite.products.isProduct(product)).to.equal(true);
    expect(await p.phase()).to.equal("Originated");
    expect(await p.parties()).to.deep.equal({
      exchange: f.exchange.address,
      ratingAgency: f.agency.address,
      registrar: f.agent.address,
    });
    for (const id of f.fragments)
      expect(await f.suite.receivables.contract.ownerOf(parseTokenId(id))).to.equal(product);
    expect(
      await f.suite.receivables.contract.isApprovedForAll(f.factor.address, f.addresses["Products#ProductFactory"]),
    ).to.be.true;

    const ls = await run(["product", "ls"], {});
    expect(ls.out).to.contain("1 product on deployment tasks-test");
    expect(ls.out).to.match(
      new RegExp(`#1\\s+${product}\\s+Originated\\s+factor \\(${ADDRESS}\\)\\s+1,000,000\\.00\\s+2\\s+2\\s+-`),
    );
  });

  it("approves, rates (notch from the grade scale), proposes the listing in human units and the originator accepts it", async () => {
    const f = await load(created);
    const a = await run(["product", "approve"], { from: "agent", product: f.product });
    expect(a.out).to.contain(`approve the register of product ${f.product}: tx ${a.result}`);
    expect(await f.handle.phase()).to.equal("Approved");

    const now = BigInt(await time.latest());
    const expiry = formatDate(now + 365n * DAY);
    const r = await run(["product", "rate"], {
      from: "agency",
      product: "#1",
      grade: "AA",
      expiry,
      reportUri: "ipfs://rating-pf",
      reportHash: "report PF 2027-01",
    });
    expect(r.out).to.contain(`rate product ${f.product} AA (notch 3) until ${expiry}: tx ${r.result}`);
    expect(r.out).to.contain(`rating AA (notch 3) by agency (${f.agency.address})`);
    expect(await f.handle.rating()).to.deep.include({
      grade: "AA",
      notch: 3,
      reportUri: "ipfs://rating-pf",
      reportHash: ethers.id("report PF 2027-01"),
    });
    const down = await run(["product", "rate"], {
      from: "agency",
      product: "#1",
      grade: "A",
      expiry,
      reportUri: "ipfs://rating-pf-2",
    });
    expect(down.out).to.contain("downgrade: AA (notch 3) -> A (notch 6)");

    const opens = now + DAY;
    const closes = opens + 10n * DAY;
    const l = await run(["product", "list"], {
      from: "exchange",
      product: "#1",
      opens: formatDate(opens),
      closes: formatDate(closes),
      price: "100.00",
      minRaise: "500,000.00",
      cap: "1,000,000.00",
      investorKinds: "INVESTOR,BANK",
      exchangeFee: "1%",
    });
    expect(l.out).to.contain(
      `propose the listing of product ${f.product}: ${formatDate(opens)} .. ${formatDate(closes)}, 8000 senior + 2000 junior shares at 100.00, cap 1,000,000.00, min raise 500,000.00, investors BANK+INVESTOR, exchange fee 1%: tx ${l.result}`,
    );
    expect(l.out).to.contain("tickets 100.00 .. 1,000,000.00");
    expect(l.out).to.contain(`listing PROPOSED by exchange (${f.exchange.address})`);
    // The proposal stays Approved until the originator accepts the terms, by their hash.
    expect(await f.handle.phase()).to.equal("Approved");
    const termsHash = (await f.handle.listing())!.termsHash;
    expect(l.out).to.contain(
      `the originator (factor (${f.factor.address})) lists it by accepting these terms: product accept-listing --product ${f.product} --terms-hash ${termsHash}`,
    );
    const shown = await f.handle.show();
    expect(shown.listing).to.equal(undefined);
    expect(shown.proposedListing!.termsHash).to.equal(termsHash);
    const acc = await run(["product", "accept-listing"], { from: "factor", product: "#1", termsHash });
    expect(acc.out).to.contain(`accept the listing terms ${termsHash} of product ${f.product}: tx ${acc.result}`);
    expect(await f.handle.phase()).to.equal("Listed");
    expect(await f.handle.listing()).to.deep.include({
      exchange: f.exchange.address,
      opens,
      closes,
      pricePerShare: 100_00n,
      minTicket: 100_00n,
      maxTicket: 1_000_000_00n,
      exchangeFeeBps: 100n,
      investorKinds: ["BANK", "INVESTOR"],
    });
  });

  it("subscribes (approving the cash first), closes, delivers shares, collects through the waterfall and claims", async () => {
    const f = await load(listed);
    await time.increaseTo(f.opens);
    const s = await run(["product", "subscribe"], {
      from: "inv1",
      product: f.product,
      tranche: "senior",
      shares: "5000",
    });
    expect(s.out).to.match(/^\[1\/2\] approve the product for 500,000\.00: tx 0x/m);
    expect(s.out).to.contain(`[2/2] subscribe 5000 senior shares of ${f.product} for 500,000.00: tx ${s.result}`);
    expect(s.out).to.contain("senior book: 5000 of 8000 shares subscribed by 1 investors");
    expect(s.out).to.contain("senior: subscribed 5000, holds 0 shares, claimable 0.00");
    await run(["product", "subscribe"], { from: "inv2", product: "#1", shares: "3000" });
    await run(["product", "subscribe"], { from: "tier1", product: "#1", tranche: "junior", shares: "2,000" });
    expect(await f.suite.cash.balanceOf(f.product)).to.equal(1_000_000_00n);

    await time.increaseTo(f.closes + 1n);
    const c = await run(["product", "close"], { product: "#1" });
    const t0 = (await f.handle.waterfall()).accruedAt;
    expect(c.out).to.contain(
      "raise 1,000,000.00 of a minimum 500,000.00: the offering succeeds (exchange fee 10,000.00, originator 990,000.00)",
    );
    expect(c.out).to.contain(`close the offering of ${f.product}: tx ${c.result}`);
    expect(c.out).to.contain("succeeded: raised 1,000,000.00, originator 990,000.00, exchange fee 10,000.00");
    expect(await f.handle.phase()).to.equal("Active");
    expect(await f.suite.cash.balanceOf(f.factor.address)).to.equal(990_000_00n);

    const own = await run(["product", "claim"], { from: "inv1", product: "#1" });
    expect(own.out).to.contain(`[shares 1/1] deliver 5000 senior shares to inv1 (${f.inv1.address}): tx`);
    expect(own.out).to.contain("no distribution to claim yet");
    const [senior, junior] = await f.handle.trancheTokens();
    expect(await senior.balanceOf(f.inv1.address)).to.equal(5_000n);
    // The exchange delivers the others' shares.
    for (const investor of ["inv2", "tier1"])
      await run(["product", "claim"], { from: "exchange", product: "#1", investor });
    expect(await senior.balanceOf(f.inv2.address)).to.equal(3_000n);
    expect(await junior.balanceOf(f.tier1.address)).to.equal(2_000n);

    // Day 73: the first payable (600,000.00) is repaid and collected.
    await run(["receivable", "repay"], { from: "acme", root: f.roots[0], amount: "600,000.00" });
    await time.setNextBlockTimestamp(t0 + 73n * DAY);
    const col = await run(["product", "collect"], { product: "#1", pageSize: "1" });
    expect(col.result).to.have.length(1);
    expect(col.out).to.contain(`[page 1/1] collect 600,000.00 from fragments 0..0 of ${f.product}: tx`);
    const expected = WaterfallMath.split(
      600_000_00n,
      50n,
      100n,
      WaterfallMath.interest(800_000_00n, 320n, 73n * DAY),
      800_000_00n,
    );
    expect(expected).to.deep.equal({
      servicingFee: 3_000_00n,
      exchangeFee: 6_000_00n,
      seniorInterest: 5_120_00n,
      seniorPrincipal: 585_880_00n,
      junior: 0n,
    });
    expect(col.out).to.contain(
      "gross 600,000.00: servicing fee 3,000.00, exchange fee 6,000.00, senior interest 5,120.00, senior principal 585,880.00, junior 0.00",
    );
    const [d] = await f.handle.distributions();
    expect([
      d.args.servicingFee,
      d.args.exchangeFee,
      d.args.seniorInterest,
      d.args.seniorPrincipal,
      d.args.junior,
    ]).to.deep.equal([
      expected.servicingFee,
      expected.exchangeFee,
      expected.seniorInterest,
      expected.seniorPrincipal,
      expected.junior,
    ]);
    expect(col.out).to.contain("senior balance 214,120.00");
    expect((await f.handle.waterfall()).seniorBalance).to.equal(214_120_00n);

    const before = await f.suite.cash.balanceOf(f.inv1.address);
    const cl = await run(["product", "claim"], { from: "inv1", product: "#1" });
    expect(cl.out).to.contain("[distributions 1/1] claim 369,375.00 of senior distributions: tx");
    expect(cl.out).to.contain(`cash balance of inv1 (${f.inv1.address}): ${f.suite.cash.format(before + 369_375_00n)}`);
    expect((await f.suite.cash.balanceOf(f.inv1.address)) - before).to.equal(369_375_00n);

    const show = await run(["product", "show"], { product: "#1", investor: "inv2" });
    expect(show.out).to.contain("phase Active");
    expect(show.out).to.contain("senior: subscribed 3000 (settled), holds 3000 shares, claimable 221,625.00");
    expect(show.out).to.contain("distributions (1):");
    expect(show.out).to.match(/600,000\.00\s+3,000\.00\s+6,000\.00\s+5,120\.00\s+585,880\.00\s+0\.00/);
    expect(show.out).to.match(new RegExp(`${f.fragments[0]}\\s+Held\\s+600,000\\.00\\s+0\\.00`));
    expect(show.out).to.match(/rating AA \(notch 3\)/);
  });

  it("closes an offering below its minimum as failed: the basket returns and claim refunds the escrow", async () => {
    const f = await load(listed);
    await time.increaseTo(f.opens);
    await run(["product", "subscribe"], { from: "inv1", product: "#1", shares: "100" });
    expect(await f.suite.cash.balanceOf(f.inv1.address)).to.equal(990_000_00n);
    await time.increaseTo(f.closes + 1n);
    const c = await run(["product", "close"], { product: "#1" });
    expect(c.out).to.contain("raise 10,000.00 of a minimum 500,000.00: the offering fails (refunds, basket returned)");
    expect(c.out).to.contain("failed: raised 10,000.00, originator 0.00, exchange fee 0.00");
    expect(await f.handle.phase()).to.equal("Failed");
    expect((await f.handle.basket()).map((b) => b.custody)).to.deep.equal(["Returned", "Returned"]);
    for (const id of f.fragments) {
      expect(await f.suite.receivables.contract.ownerOf(parseTokenId(id))).to.equal(f.factor.address);
    }
    const r = await run(["product", "claim"], { from: "inv1", product: "#1" });
    expect(r.out).to.contain(
      `[shares 1/1] refund 10,000.00 of inv1 (${f.inv1.address})'s failed senior subscription: tx ${(r.result as string[])[0]}`,
    );
    expect(r.out).to.contain("senior: subscribed 100 (settled), holds 0 shares, claimable 0.00");
    expect(await f.suite.cash.balanceOf(f.inv1.address)).to.equal(1_000_000_00n);
    expect(await failure(["product", "claim"], { from: "inv1", product: "#1" })).to.contain(
      `nothing to claim for inv1 (${f.inv1.address}) on ${f.product} (Failed;`,
    );
  });

  it("dry runs simulate each step and send nothing", async () => {
    const f = await load(productMembers);
    let block = await ethers.provider.getBlockNumber();
    const c = await run(["product", "create"], {
      from: "factor",
      fragments: f.fragments[0],
      seniorShare: "100%",
      seniorRate: "2%",
      ...PARTIES,
      dryRun: true,
    });
    expect(c.out).to.match(
      /^dry run: \[1\/2\] approve the product factory as operator .* would succeed \(gas \d+\); no transaction sent$/m,
    );
    expect(c.out).to.contain(
      `dry run: then create a product of 1 fragment (face 600,000.00): single tranche at 2%, servicing fee 0%; exchange exchange (${f.exchange.address}), rating agency agency (${f.agency.address}), registration agent agent (${f.agent.address}); no transaction sent`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);

    const l = await load(listed);
    await time.increaseTo(l.opens);
    block = await ethers.provider.getBlockNumber();
    const s = await run(["product", "subscribe"], { from: "inv1", product: "#1", shares: "10", dryRun: true });
    expect(s.out).to.contain("dry run: then subscribe 10 senior shares");
    expect(await ethers.provider.getBlockNumber()).to.equal(block);

    const a = await load(active);
    await run(["receivable", "repay"], { from: "acme", root: a.roots[1], amount: "100,000.00" });
    block = await ethers.provider.getBlockNumber();
    const col = await run(["product", "collect"], { product: "#1", dryRun: true });
    expect(col.out).to.match(/^dry run: \[page 1\/1\] collect 100,000\.00 from fragments 0\.\.1 .* would succeed/m);
    const now = BigInt(await time.latest());
    const preview = await a.handle.previewDistribution("100,000.00", now);
    expect(col.out).to.contain(`would distribute at the chain's time ${formatDate(now)}:`);
    expect(col.out).to.contain(
      `gross 100,000.00: servicing fee 500.00, exchange fee 1,000.00, senior interest ${a.suite.cash.format(preview.seniorInterest)}, senior principal ${a.suite.cash.format(preview.seniorPrincipal)}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect((await a.handle.waterfall()).collected).to.equal(0n);
  });

  it("refuses bad input with readable messages before sending anything", async () => {
    const f = await load(created);
    const block = await ethers.provider.getBlockNumber();
    const create = (over: Record<string, unknown>) =>
      failure(["product", "create"], {
        from: "factor",
        fragments: f.fragments[0],
        seniorShare: "80%",
        seniorRate: "3%",
        ...PARTIES,
        ...over,
      });
    expect(await create({ fragments: "nope" })).to.equal(
      `--fragments[0]: is not a fragment id (<root>/<index>, 0x token id or decimal) (got "nope"); ${NOT_SENT}`,
    );
    expect(await create({ seniorShare: "-5%" })).to.equal(
      `--senior-share: is not a rate like "1.25%" or "125bps" (got "-5%"); ${NOT_SENT}`,
    );
    expect(await create({ seniorRate: "60%" })).to.equal(`--senior-rate: exceeds 50% (got "60%"); ${NOT_SENT}`);
    expect(await create({ fragments: `${f.fragments[0]} ${f.fragments[0]}` })).to.equal(
      `--fragments: ${f.fragments[0]} is given twice; ${NOT_SENT}`,
    );
    expect(await create({})).to.equal(
      `--fragments: ${f.fragments[0]} is held by ${f.product}, not by factor (${f.factor.address}); ${NOT_SENT}`,
    );
    expect(await create({ from: "acme" })).to.equal(
      `--from: acme (${f.acme.address}) is not a factor (None, kind FACTOR needed); ${NOT_SENT}`,
    );
    // The bound parties (issue 12): each named, each eligible and of its kind.
    expect(await create({ exchange: "" })).to.equal(`--exchange is required; ${NOT_SENT}`);
    expect(await create({ exchange: "agency" })).to.equal(
      `--exchange: agency (${f.agency.address}) is not an exchange (None, kind EXCHANGE needed); ${NOT_SENT}`,
    );
    expect(await create({ ratingAgency: "exchange" })).to.equal(
      `--rating-agency: exchange (${f.exchange.address}) is not a rating agency (None, kind RATING_AGENCY needed); ${NOT_SENT}`,
    );
    expect(await create({ registrar: "outsider" })).to.equal(
      `--registrar: outsider (${f.outsider.address}) is not a registration agent (NotRegistered, kind REGISTRATION_AGENT needed); ${NOT_SENT}`,
    );

    const rate = (over: Record<string, unknown>) =>
      failure(["product", "rate"], {
        from: "agency",
        product: "#1",
        grade: "AA",
        expiry: "2099-01-01",
        reportUri: "ipfs://r",
        ...over,
      });
    expect(await failure(["product", "approve"], { from: "agent", product: "0x123" })).to.equal(
      `--product: "0x123" is not a product (a 0x address, an address-book name, or #<n>); ${NOT_SENT}`,
    );
    expect(await failure(["product", "approve"], { from: "agent", product: f.acme.address })).to.equal(
      `--product: acme (${f.acme.address}) is not a product of the factory on deployment tasks-test; ${NOT_SENT}`,
    );
    expect(await failure(["product", "approve"], { from: "agent", product: "#4" })).to.equal(
      `--product: there is no product #4 on deployment tasks-test (1 product: #1..#1); ${NOT_SENT}`,
    );
    expect(await failure(["product", "approve"], { from: "exchange", product: "#1" })).to.equal(
      `--from: exchange (${f.exchange.address}) is not the registration agent bound to ${f.product} (agent (${f.agent.address})); only it acts on this product; ${NOT_SENT}`,
    );
    expect(await rate({ from: "exchange" })).to.equal(
      `--from: exchange (${f.exchange.address}) is not the rating agency bound to ${f.product} (agency (${f.agency.address})); only it acts on this product; ${NOT_SENT}`,
    );
    expect(await rate({ expiry: "2020-01-01" })).to.match(
      /^--expiry: 2020-01-01 is not after the chain's time .*; no transaction sent$/,
    );
    expect(await rate({ grade: "Z9" })).to.equal(
      `--notch is needed: "Z9" is not on the default scale AAA, AA+, AA, AA-, A+, A, A-, BBB+, BBB, BBB-, BB+, BB, BB-, B+, B, B-, CCC, CC, C, D; ${NOT_SENT}`,
    );
    expect(await rate({ notch: "0" })).to.equal(`--notch: "0" is not a whole number from 1 (best) to 255; ${NOT_SENT}`);
    expect(await rate({ expiry: "2099-02-30" })).to.contain("--expiry: is not a valid calendar date");

    const list = (over: Record<string, unknown>) =>
      failure(["product", "list"], {
        from: "exchange",
        product: "#1",
        opens: "2098-01-01",
        closes: "2098-01-11",
        price: "100",
        minRaise: "0",
        cap: "1,000,000.00",
        ...over,
      });
    expect(await list({})).to.equal(`--product: ${f.product} is Originated; listing needs it Approved; ${NOT_SENT}`);
    await run(["product", "approve"], { from: "agent", product: "#1" });
    expect(await list({})).to.equal(
      `--product: ${f.product} has no current rating; a rating agency must rate it first; ${NOT_SENT}`,
    );
    await run(["product", "rate"], {
      from: "agency",
      product: "#1",
      grade: "AA",
      expiry: "2099-01-01",
      reportUri: "x",
    });
    const block2 = await ethers.provider.getBlockNumber();
    expect(await list({ opens: "2020-01-01" })).to.match(
      /^--opens: 2020-01-01 is before the chain's time .*; no transaction sent$/,
    );
    expect(await list({ cap: "1,000,000.001" })).to.equal(
      `--cap: has more than 2 decimal places (got "1,000,000.001"); ${NOT_SENT}`,
    );
    expect(await list({ minRaise: "-1" })).to.equal(`--min-raise: must not be negative (got "-1"); ${NOT_SENT}`);
    expect(await list({ cap: "1,000,050.00" })).to.equal(
      `--cap: must be a whole number of shares (a multiple of the price); ${NOT_SENT}`,
    );
    expect(await list({ investorKinds: "WHALE" })).to.contain("--investor-kinds: is not a kind");
    expect(await list({ exchangeFee: "12%" })).to.equal(`--exchange-fee: 12% exceeds 10%; ${NOT_SENT}`);
    expect(await list({ from: "outsider" })).to.equal(
      `--from: outsider (${f.outsider.address}) is not the exchange bound to ${f.product} (exchange (${f.exchange.address})); only it acts on this product; ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block2);
    expect(block2).to.equal(block + 2);
  });

  it("refuses subscriptions, closes, collections and claims the contract would refuse", async () => {
    const f = await load(listed);
    const block = await ethers.provider.getBlockNumber();
    const sub = (over: Record<string, unknown>) =>
      failure(["product", "subscribe"], { from: "inv1", product: "#1", shares: "10", ...over });
    expect(await sub({})).to.match(
      new RegExp(
        `^--product: the subscription window is ${formatDate(f.opens)} \\.\\. ${formatDate(f.closes)}; the chain's time is .* \\(outside the window\\); ${NOT_SENT}$`,
      ),
    );
    expect(await failure(["product", "close"], { product: "#1" })).to.match(
      new RegExp(`^--product: the window is open until ${formatDate(f.closes)}; the chain's time is .*; ${NOT_SENT}$`),
    );
    expect(await failure(["product", "collect"], { product: "#1" })).to.equal(
      `--product: ${f.product} is Listed; a collection needs it Active; ${NOT_SENT}`,
    );
    await time.increaseTo(f.opens);
    expect(await sub({ shares: "1.5" })).to.equal(`--shares: is not a whole number of shares (got "1.5"); ${NOT_SENT}`);
    expect(await sub({ shares: "-3" })).to.equal(`--shares: must not be negative (got "-3"); ${NOT_SENT}`);
    expect(await sub({ tranche: "mezzanine" })).to.equal(
      `--tranche: is not a tranche (senior, junior, 0 or 1) (got "mezzanine"); ${NOT_SENT}`,
    );
    expect(await sub({ shares: "6001" })).to.equal(
      `--shares: a ticket of 600,100.00 is above the maximum ticket of 600,000.00; ${NOT_SENT}`,
    );
    expect(await sub({ from: "outsider" })).to.equal(
      `--from: outsider (${f.outsider.address}) is not an eligible investor of kind INVESTOR (NotRegistered); ${NOT_SENT}`,
    );
    expect(await sub({ from: "exchange" })).to.equal(
      `--from: exchange (${f.exchange.address}) is not an eligible investor of kind INVESTOR (None); ${NOT_SENT}`,
    );
    expect(await failure(["product", "claim"], { from: "inv1", product: "#1" })).to.contain(
      `nothing to claim for inv1 (${f.inv1.address})`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block + 1); // increaseTo mined one block

    const a = await load(active);
    expect(await failure(["product", "collect"], { product: "#1" })).to.equal(
      `nothing to collect: no fragment of ${a.product} has been repaid since the last collection; ${NOT_SENT}`,
    );
    expect(await failure(["product", "collect"], { product: "#1", pageSize: "0" })).to.equal(
      `--page-size: "0" is not a whole number from 1 to 200; ${NOT_SENT}`,
    );
    expect(await failure(["product", "close"], { product: "#1" })).to.equal(
      `--product: ${a.product} is Active; its offering is already closed; ${NOT_SENT}`,
    );
    expect(await failure(["product", "subscribe"], { from: "inv1", product: "#1", shares: "1" })).to.equal(
      `--product: ${a.product} is Active; a subscription needs it Listed; ${NOT_SENT}`,
    );
    expect(await failure(["product", "show"], { product: "nobody" })).to.equal(
      `--product: "nobody" is not a product (a 0x address, an address-book name, or #<n>); ${NOT_SENT}`,
    );
    expect(a.close.out).to.contain("the offering succeeds");
  });

  it("decodes a revert found by the simulation (paused product) and sends nothing", async () => {
    const f = await load(listed);
    const guardian = f.signers[3];
    await (await f.suite.products.contract.connect(guardian).setProductPaused(f.product, true)).wait();
    await time.increaseTo(f.closes + 1n);
    const block = await ethers.provider.getBlockNumber();
    expect(await failure(["product", "close"], { product: "#1" })).to.equal(
      `close the offering of ${f.product} would fail: ProductPaused: the product is paused by the guardian; ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    const ls = await run(["product", "ls"], {});
    expect(ls.out).to.contain("Listed (PAUSED)");
  });
});
