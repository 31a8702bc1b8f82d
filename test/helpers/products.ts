import ProductsModule from "../../ignition/modules/Products.js";
import { listingTermsHash } from "../../src/areas/products.js";
import type { ProductFactory, RevenueProduct, TrancheToken } from "../../types/ethers-contracts/index.js";
import { DAY, YEAR, deployFoundationOn, type Connection } from "./foundation.js";
import { RECEIVABLE_PARAMS } from "./receivables.js";

export const MAX_BASKET = 20n;
export const Phase = { None: 0n, Originated: 1n, Approved: 2n, Listed: 3n, Active: 4n, Failed: 5n, Closed: 6n };
export const Custody = { None: 0n, Held: 1n, Released: 2n, WrittenOff: 3n, Returned: 4n, Auctioned: 5n };

type Signer = Awaited<ReturnType<Connection["ethers"]["getSigners"]>>[number];

/**
 * Foundation + receivables + products through Ignition (the Products module), with the cast of a
 * product: a debtor (core enterprise), a factor (originator), a registration agent, a rating agency,
 * an exchange, a treasury wallet and `investors` registered investors funded with 1,000,000.00 each.
 * Shared by tests and the benchmark.
 */
export async function deployProductsOn(conn: Connection, investorCount = 6) {
  const { ethers } = conn;
  const signers = await ethers.getSigners();
  const treasury = signers[12];
  const f = await deployFoundationOn(conn, {
    module: ProductsModule,
    parameters: { Receivables: RECEIVABLE_PARAMS, Products: { treasury: treasury.address, maxBasket: MAX_BASKET } },
  });
  const d = f.deployed as unknown as Record<"receivables" | "factory", { getAddress(): Promise<string> }>;
  const receivables = await ethers.getContractAt("ReceivableToken", await d.receivables.getAddress());
  const factory = (await ethers.getContractAt(
    "ProductFactory",
    await d.factory.getAddress(),
  )) as unknown as ProductFactory;
  const market = await ethers.getContractAt("FactoringMarket", await factory.market());
  const [debtor, factor, agent, agency, exchange] = signers.slice(7, 12);
  // Signers 13.. first, then fresh wallets with native balance for gas.
  const investors: Signer[] = signers.slice(13, 13 + investorCount);
  while (investors.length < investorCount) {
    const w = ethers.Wallet.createRandom().connect(ethers.provider);
    await conn.networkHelpers.setBalance(w.address, 10n ** 21n);
    investors.push(w as unknown as Signer);
  }
  await f.register("CORE-DEBTOR", debtor, "CORE_ENTERPRISE");
  await f.register("FACTOR-1", factor, "FACTOR", "BANK");
  await f.register("REG-AGENT", agent, "REGISTRATION_AGENT");
  await f.register("RATING-1", agency, "RATING_AGENCY");
  await f.register("EXCHANGE-1", exchange, "EXCHANGE");
  await f.register("TREASURY", treasury, "BANK");
  for (const [i, inv] of investors.entries()) {
    await f.register(`INVESTOR-${i}`, inv, "INVESTOR");
    await f.fund(inv, 1_000_000_00n);
  }
  await f.fund(debtor, 100_000_000_00n);
  await (await f.cash.connect(debtor).approve(await receivables.getAddress(), ethers.MaxUint256)).wait();
  await (await receivables.connect(factor).setApprovalForAll(await factory.getAddress(), true)).wait();

  let invoice = 0;
  /** A confirmed payable of `face` from the debtor to `holder` (the factor by default). */
  async function fragment(face: bigint, tenor = 180n * DAY, holder: { address: string } = factor) {
    const name = `INV-${++invoice}`;
    const due = (await f.latest()) + tenor;
    const invoiceHash = ethers.id(name);
    const rootId = await receivables.rootIdOf(invoiceHash, holder.address, debtor.address);
    await (
      await receivables
        .connect(debtor)
        .issuePayable(
          holder.address,
          await f.cash.getAddress(),
          face,
          due,
          invoiceHash,
          `ipfs://${name}`,
          ethers.id(name),
        )
    ).wait();
    return rootId << 32n;
  }

  /** Creates a product from `ids` by the factor; returns the product and its tranche tokens. */
  /** The parties bound to the products `create` makes. */
  const parties = { exchange: exchange.address, ratingAgency: agency.address, registrar: agent.address };

  /** Creates a product from `ids` by the factor, bound to `parties`; returns the product and its tranche tokens. */
  async function create(
    ids: bigint[],
    terms = { seniorBps: 10_000, seniorRateBps: 0, servicingFeeBps: 0 },
    bound: { exchange: string; ratingAgency: string; registrar: string } = parties,
  ) {
    const address = await factory.connect(factor).createProduct.staticCall(ids, terms, bound);
    await (await factory.connect(factor).createProduct(ids, terms, bound)).wait();
    return at(address);
  }

  async function at(address: string) {
    const product = (await ethers.getContractAt("RevenueProduct", address)) as unknown as RevenueProduct;
    const tokens: TrancheToken[] = [];
    for (let t = 0n; t < (await product.trancheCount()); t++) {
      tokens.push(
        (await ethers.getContractAt("TrancheToken", (await product.tranche(t)).token)) as unknown as TrancheToken,
      );
    }
    return { product, tokens, address };
  }

  /** Default listing: window opens in 1 day for 10 days, price 100.00, min raise = half the cap. */
  async function listingFor(cap: bigint, overrides: Partial<Listing> = {}): Promise<Listing> {
    const t = await f.latest();
    return {
      exchange: ethers.ZeroAddress,
      opens: t + DAY,
      closes: t + 11n * DAY,
      investorKinds: 1 << 4,
      exchangeFeeBps: 0,
      pricePerShare: 100_00n,
      minRaise: cap / 2n,
      cap,
      minTicket: 100_00n,
      maxTicket: cap,
      ...overrides,
    };
  }

  /** Approve, rate (AA, a year), list; moves time to the window's opening. */
  async function approveRateList(product: RevenueProduct, listing: Listing) {
    await (await product.connect(agent).approve()).wait();
    await (
      await product.connect(agency).rate(AA, 2, (await f.latest()) + YEAR, "ipfs://rating-report", ethers.id("report"))
    ).wait();
    await (await product.connect(exchange).list(listing)).wait();
    await accept(product, listing);
    await conn.networkHelpers.time.increaseTo(listing.opens);
  }

  /** The originator accepts `listing` as proposed by the bound exchange. */
  async function accept(product: RevenueProduct, listing: Listing) {
    const bound = (await product.parties()).exchange;
    await (await product.connect(factor).acceptListing(listingTermsHash(listing, bound))).wait();
  }

  async function subscribe(product: RevenueProduct, investor: Signer, tranche: bigint, shares: bigint) {
    const price = (await product.listing()).pricePerShare;
    await (await f.cash.connect(investor).approve(await product.getAddress(), shares * price)).wait();
    await (await product.connect(investor).subscribe(tranche, shares)).wait();
  }

  return {
    ...f,
    receivables,
    factory,
    market,
    debtor,
    factor,
    agent,
    agency,
    exchange,
    treasury,
    investors,
    fragment,
    parties,
    create,
    accept,
    at,
    listingFor,
    approveRateList,
    subscribe,
  };
}

export interface Listing {
  exchange: string;
  opens: bigint;
  closes: bigint;
  investorKinds: number;
  exchangeFeeBps: number;
  pricePerShare: bigint;
  minRaise: bigint;
  cap: bigint;
  minTicket: bigint;
  maxTicket: bigint;
}

/** "AA" as bytes8. */
export const AA = "0x4141000000000000";
/** "A" as bytes8. */
export const A = "0x4100000000000000";

export type Products = Awaited<ReturnType<typeof deployProductsOn>>;
export type { RevenueProduct, TrancheToken };
