import MarketModule from "../../ignition/modules/Market.js";
import type { FactoringMarket, ReceivableToken } from "../../types/ethers-contracts/index.js";
import { DAY, deployFoundationOn, type Connection } from "./foundation.js";
import { issuePayable, RECEIVABLE_PARAMS } from "./receivables.js";

/** Fee of the market fixture: 0.50% (50 bps). */
export const FEE_BPS = 50n;

/**
 * Foundation + receivables + FactoringMarket through Ignition, with members: a core enterprise
 * (debtor), a supplier (SME), a factor, a bank, a second bank and a treasury (exchange). The fee
 * admin has set the treasury and a fee of {FEE_BPS}. The supplier holds a confirmed 300,000.00
 * payable due in 90 days (`token`), and the factor and banks hold 10,000,000.00 each with the market
 * approved. Shared by tests and the benchmark.
 */
export async function deployMarketOn(conn: Connection) {
  const f = await deployFoundationOn(conn, {
    module: MarketModule,
    parameters: { Receivables: RECEIVABLE_PARAMS },
  });
  const { ethers } = conn;
  const deployed = f.deployed as unknown as Record<"receivables" | "market", { getAddress(): Promise<string> }>;
  const receivables = (await ethers.getContractAt(
    "ReceivableToken",
    await deployed.receivables.getAddress(),
  )) as unknown as ReceivableToken;
  const market = (await ethers.getContractAt(
    "FactoringMarket",
    await deployed.market.getAddress(),
  )) as unknown as FactoringMarket;
  const marketAddr = await market.getAddress();
  const [debtor, supplier, factor, bank, bank2, treasury, outsider] = f.signers.slice(7, 14);
  await f.register("CORE-1", debtor, "CORE_ENTERPRISE");
  await f.register("SUP-1", supplier, "SME");
  await f.register("FACTOR-1", factor, "FACTOR");
  await f.register("BANK-1", bank, "BANK");
  await f.register("BANK-2", bank2, "BANK");
  await f.register("EXCHANGE-1", treasury, "EXCHANGE");
  for (const w of [factor, bank, bank2, debtor, supplier]) {
    await f.fund(w, 10_000_000_00n);
    await (await f.cash.connect(w).approve(marketAddr, ethers.MaxUint256)).wait();
    await (await receivables.connect(w).setApprovalForAll(marketAddr, true)).wait();
  }
  await (await f.cash.connect(debtor).approve(await receivables.getAddress(), ethers.MaxUint256)).wait();
  await (await market.connect(f.ops.feeAdmin).setTreasury(treasury.address)).wait();
  await (await market.connect(f.ops.feeAdmin).setFee(FEE_BPS)).wait();

  /** Issues a confirmed payable from the debtor to `creditor` (the supplier by default). */
  async function payable(face: bigint, invoice: string, tenor = 90n * DAY, creditor = supplier) {
    const { rootId, tokenId, due } = await issuePayable(
      receivables,
      f.cash,
      f.latest,
      debtor,
      creditor,
      face,
      invoice,
      tenor,
    );
    return { rootId, tokenId, due };
  }

  const token = await payable(300_000_00n, "INV-300K");
  return {
    ...f,
    receivables,
    market,
    marketAddr,
    debtor,
    supplier,
    factor,
    bank,
    bank2,
    treasury,
    outsider,
    payable,
    token,
  };
}
export type MarketFixture = Awaited<ReturnType<typeof deployMarketOn>>;
