/**
 * The product tasks of issue 12's money-path rules: the exchange proposes, the originator accepts
 * by hash, cancellation before listing, credits withdrawn by their owner, the dust sweep. Each
 * refusal sends nothing.
 */
import { expect } from "chai";

import { formatDate, parseTokenId } from "../../src/index.js";
import { failure, networkHelpers, run } from "./helpers.js";
import { active, listed, load, proposed } from "./productsSetup.js";

const NOT_SENT = "no transaction sent";
const DAY = 86_400n;
const { time } = networkHelpers;

describe("Tasks: product money path (issue 12)", () => {
  it("list proposes and prints the terms hash; only the bound exchange may propose", async () => {
    const f = await load(proposed);
    expect(f.list.out).to.contain(`propose the listing of product ${f.product}`);
    expect(f.list.out).to.contain("listing PROPOSED by exchange");
    expect(f.list.out).to.contain(`product accept-listing --product ${f.product} --terms-hash ${f.termsHash}`);
    expect(await f.handle.phase()).to.equal("Approved");
    const msg = await failure(["product", "list"], {
      from: "inv1",
      product: "#1",
      opens: formatDate(BigInt(await time.latest()) + DAY),
      closes: formatDate(BigInt(await time.latest()) + 11n * DAY),
      price: "0.01",
      minRaise: "0.01",
      cap: "0.01",
    });
    expect(msg).to.contain(`--from: inv1 (${f.inv1.address}) is not the exchange bound to ${f.product}`);
    expect(msg).to.contain(NOT_SENT);
  });

  it("accept-listing: the originator accepts exactly the proposed terms, by hash", async () => {
    const f = await load(proposed);
    const wrong = "0x" + "11".repeat(32);
    const bad = await failure(["product", "accept-listing"], { from: "factor", product: "#1", termsHash: wrong });
    expect(bad).to.contain(`--terms-hash: the terms proposed now hash to ${f.termsHash}, not ${wrong}`);
    expect(bad).to.contain(NOT_SENT);
    const notOriginator = await failure(["product", "accept-listing"], {
      from: "exchange",
      product: "#1",
      termsHash: f.termsHash,
    });
    expect(notOriginator).to.contain(`is not the originator of ${f.product}`);
    expect(
      await failure(["product", "accept-listing"], { from: "factor", product: "#1", termsHash: "0x12" }),
    ).to.contain('--terms-hash: "0x12" is not a 32-byte hash');
    const ok = await run(["product", "accept-listing"], { from: "factor", product: "#1", termsHash: f.termsHash });
    expect(ok.out).to.contain(`accept the listing terms ${f.termsHash} of product ${f.product}: tx ${ok.result}`);
    expect(await f.handle.phase()).to.equal("Listed");
  });

  it("cancel: the originator takes its basket back before listing, and not after", async () => {
    const f = await load(proposed);
    expect(await failure(["product", "cancel"], { from: "exchange", product: "#1" })).to.contain(
      "is not the originator",
    );
    const c = await run(["product", "cancel"], { from: "factor", product: "#1" });
    expect(c.out).to.contain(`cancel product ${f.product} and take its basket back: tx ${c.result}`);
    expect(await f.handle.phase()).to.equal("Failed");
    for (const id of f.fragments) {
      expect(await f.suite.receivables.contract.ownerOf(parseTokenId(id))).to.equal(f.factor.address);
    }
    expect(await failure(["product", "return-basket"], { product: "#1" })).to.contain("holds no fragment to return");

    const g = await load(listed);
    expect(await failure(["product", "cancel"], { from: "factor", product: "#1" })).to.contain(
      `${g.product} is Listed; a product is cancelled only before listing`,
    );
  });

  it("withdraw: a suspended exchange's fees are credited; it withdraws them once reinstated", async () => {
    const f = await load(active);
    await run(["participants", "suspend"], { participant: "exchange", reason: "licence review" });
    await time.increase(10n * DAY);
    await run(["receivable", "repay"], { from: "acme", root: f.roots[0], amount: "600,000.00" });
    await run(["product", "collect"], { product: "#1" });
    expect(await f.handle.creditOf(f.exchange.address)).to.equal(6_000_00n);
    const lapsed = await failure(["product", "withdraw"], { from: "exchange", product: "#1" });
    expect(lapsed).to.contain(`--from: exchange (${f.exchange.address}) cannot receive cash now (Suspended)`);
    expect(lapsed).to.contain(NOT_SENT);
    await run(["participants", "reinstate"], { participant: "exchange" });
    const before = await f.suite.cash.balanceOf(f.exchange.address);
    const w = await run(["product", "withdraw"], { from: "exchange", product: "#1" });
    expect(w.out).to.contain(`withdraw 6,000.00 credited to exchange (${f.exchange.address}) by ${f.product}`);
    expect(await f.suite.cash.balanceOf(f.exchange.address)).to.equal(before + 6_000_00n);
    expect(await failure(["product", "withdraw"], { from: "exchange", product: "#1" })).to.contain(
      `has no credit at ${f.product}`,
    );
  });

  it("sweep-dust refuses when nothing is held", async () => {
    await load(active);
    expect(await failure(["product", "sweep-dust"], { product: "#1" })).to.contain("holds no dust for the treasury");
  });
});
