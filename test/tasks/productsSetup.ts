import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { connect, formatDate } from "../../src/index.js";
import { BOOK, DEPLOYMENT_ID, deployedSuite, ethers, networkHelpers, run, scratch } from "./helpers.js";

const DAY = 86_400n;
const { time } = networkHelpers;

/**
 * The tasks' Suite with a product's cast: acme (core enterprise, the debtor, 5,000,000.00 cash),
 * factor (FACTOR) holding two confirmed payables of acme (600,000.00 and 400,000.00), agent
 * (REGISTRATION_AGENT), agency (RATING_AGENCY), exchange (EXCHANGE), and investors inv1, inv2 and
 * tier1 (INVESTOR, 1,000,000.00 each); outsider is not registered.
 */
export async function productMembers() {
  const f = await deployedSuite();
  const [factor, agent, agency, exchange, inv1, inv2] = f.signers.slice(14, 20);
  const book = JSON.parse(readFileSync(BOOK, "utf8")) as Record<string, unknown>;
  const add = { factor, agent, agency, exchange, inv1, inv2 };
  for (const [name, s] of Object.entries(add))
    book[name] = { address: s.address, code: `91310000${name.toUpperCase()}01X` };
  writeFileSync(BOOK, JSON.stringify(book));
  for (const [participant, kinds] of [
    ["acme", "CORE_ENTERPRISE"],
    ["factor", "FACTOR"],
    ["agent", "REGISTRATION_AGENT"],
    ["agency", "RATING_AGENCY"],
    ["exchange", "EXCHANGE"],
    ["tier1", "INVESTOR"],
    ["inv1", "INVESTOR"],
    ["inv2", "INVESTOR"],
  ]) {
    await run(["participants", "register"], { participant, kinds, kycExpiry: "2099-12-31" });
  }
  await run(["cash", "mint"], { to: "acme", amount: "5,000,000.00" });
  for (const to of ["tier1", "inv1", "inv2"]) await run(["cash", "mint"], { to, amount: "1,000,000.00" });
  const suite = connect(f.addresses, ethers.provider);
  const now = BigInt(await networkHelpers.time.latest());
  const due = formatDate(now + 180n * 86_400n - ((now + 180n * 86_400n) % 86_400n));
  const roots = [
    await payableTo("factor", due, "PF-1", "600,000.00"),
    await payableTo("factor", due, "PF-2", "400,000.00"),
  ];
  return { ...f, ...add, book, suite, due, roots, fragments: roots.map((r) => `${r}/0`) };
}

/** The parties `created` binds its product to (address-book names). */
export const PARTIES = { exchange: "exchange", ratingAgency: "agency", registrar: "agent" } as const;

/**
 * The cast, and a product of both payables created by the factor: 80% senior at 3.2%, servicing
 * 0.5%, bound to the exchange, agency and agent.
 */
export async function created() {
  const f = await productMembers();
  const { result } = await run(["product", "create"], {
    from: "factor",
    fragments: f.fragments.join(" "),
    seniorShare: "80%",
    seniorRate: "3.2%",
    servicingFee: "0.5%",
    ...PARTIES,
  });
  const product = (result as { product: string }).product;
  return { ...f, product, handle: f.suite.products.product(product) };
}

/**
 * ...approved, rated AA for a year, and its listing proposed by the exchange (not yet accepted):
 * window opens in a day for ten, 100.00 a share, cap 1,000,000.00, 1% fee; `list` is what the task printed.
 */
export async function proposed() {
  const f = await created();
  await run(["product", "approve"], { from: "agent", product: "#1" });
  const now = BigInt(await time.latest());
  await run(["product", "rate"], {
    from: "agency",
    product: "#1",
    grade: "AA",
    expiry: formatDate(now + 365n * DAY),
    reportUri: "ipfs://rating-pf",
    reportHash: "report PF 2027-01",
  });
  const opens = now + DAY;
  const closes = opens + 10n * DAY;
  const list = await run(["product", "list"], {
    from: "exchange",
    product: "#1",
    opens: formatDate(opens),
    closes: formatDate(closes),
    price: "100.00",
    minRaise: "500,000.00",
    cap: "1,000,000.00",
    maxTicket: "600,000.00",
    investorKinds: "INVESTOR",
    exchangeFee: "1%",
  });
  const termsHash = (await f.handle.listing())!.termsHash;
  return { ...f, opens, closes, list, termsHash };
}

/** ...and listed: the factor accepted the proposed terms. */
export async function listed() {
  const f = await proposed();
  await run(["product", "accept-listing"], { from: "factor", product: "#1", termsHash: f.termsHash });
  return f;
}

/** ...subscribed in full (inv1 5,000 and inv2 3,000 senior, tier1 2,000 junior) and closed at `t0`. */
export async function active() {
  const f = await listed();
  await time.increaseTo(f.opens);
  for (const [from, tranche, shares] of [
    ["inv1", "senior", "5000"],
    ["inv2", "senior", "3000"],
    ["tier1", "junior", "2000"],
  ]) {
    await run(["product", "subscribe"], { from, product: f.product, tranche, shares });
  }
  await time.increaseTo(f.closes + 1n);
  const close = await run(["product", "close"], { product: "#1" });
  return { ...f, close };
}

/**
 * Loads a fixture and rewrites the deployment's addresses and the address book it was made with: a
 * fixture restored from a snapshot does not rewrite the files, and each fixture deploys its own Suite.
 */
export async function load<T extends Awaited<ReturnType<typeof productMembers>>>(
  fixture: () => Promise<T>,
): Promise<T> {
  const f = await networkHelpers.loadFixture(fixture);
  writeFileSync(path.join(scratch, DEPLOYMENT_ID, "deployed_addresses.json"), JSON.stringify(f.addresses));
  writeFileSync(BOOK, JSON.stringify(f.book));
  return f;
}

/** A confirmed payable of acme to `creditor`; its root as printed (0x + 56 hex). */
async function payableTo(creditor: string, due: string, invoice: string, amount: string): Promise<string> {
  const { result } = await run(["receivable", "issue"], { from: "acme", creditor, amount, due, invoice });
  return "0x" + (result as { rootId: bigint }).rootId.toString(16).padStart(56, "0");
}
