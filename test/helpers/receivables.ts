import { id } from "ethers";

import ReceivablesModule from "../../ignition/modules/Receivables.js";
import type { ReceivableToken } from "../../types/ethers-contracts/index.js";
import { DAY, YEAR, deployFoundationOn, type Connection } from "./foundation.js";

export const RECEIVABLE_PARAMS = {
  maxTenor: 2n * YEAR,
  gracePeriod: 7n * DAY,
  defaultPeriod: 30n * DAY,
  minFragmentValue: 100n,
  maxTier: 5n,
};

type Issuer = { address: string } & Parameters<ReceivableToken["connect"]>[0];

/**
 * The debtor issues a confirmed payable of `face` to `creditor`, due `tenor` seconds from the
 * chain's time, for invoice number `invoice` (document `ipfs://<invoice>`). Shared by the fixtures
 * of every area that needs receivables.
 */
export async function issuePayable(
  receivables: ReceivableToken,
  cash: { getAddress(): Promise<string> },
  latest: () => Promise<bigint>,
  debtor: Issuer,
  creditor: { address: string },
  face: bigint,
  invoice: string,
  tenor = 90n * DAY,
) {
  const due = (await latest()) + tenor;
  const invoiceHash = id(invoice);
  const rootId = await receivables.rootIdOf(invoiceHash, creditor.address, debtor.address);
  await (
    await receivables
      .connect(debtor)
      .issuePayable(
        creditor.address,
        await cash.getAddress(),
        face,
        due,
        invoiceHash,
        `ipfs://${invoice}`,
        id(`doc:${invoice}`),
      )
  ).wait();
  return { rootId, tokenId: rootId << 32n, due, invoiceHash };
}

/** Foundation + ReceivableToken through Ignition; shared by tests and the benchmark. */
export async function deployReceivablesOn(conn: Connection) {
  const f = await deployFoundationOn(conn, {
    module: ReceivablesModule,
    parameters: { Receivables: RECEIVABLE_PARAMS },
  });
  const { ethers } = conn;
  const deployed = f.deployed as unknown as { receivables: { getAddress(): Promise<string> } };
  const receivables = (await ethers.getContractAt(
    "ReceivableToken",
    await deployed.receivables.getAddress(),
  )) as unknown as ReceivableToken;

  /** Issues a confirmed payable from `debtor` to `creditor`, returns the root id and token id. */
  function payable(debtor: Issuer, creditor: { address: string }, face: bigint, invoice: string, tenor = 90n * DAY) {
    return issuePayable(receivables, f.cash, f.latest, debtor, creditor, face, invoice, tenor);
  }

  return { ...f, receivables, payable };
}
