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
  async function payable(
    debtor: { address: string } & Parameters<typeof receivables.connect>[0],
    creditor: { address: string },
    face: bigint,
    invoice: string,
    tenor = 90n * DAY,
  ) {
    const due = (await f.latest()) + tenor;
    const invoiceHash = ethers.id(invoice);
    const rootId = await receivables.rootIdOf(invoiceHash, creditor.address, debtor.address);
    await (
      await receivables
        .connect(debtor)
        .issuePayable(
          creditor.address,
          await f.cash.getAddress(),
          face,
          due,
          invoiceHash,
          `ipfs://${invoice}`,
          ethers.id(`doc:${invoice}`),
        )
    ).wait();
    return { rootId, tokenId: rootId << 32n, due, invoiceHash };
  }

  return { ...f, receivables, payable };
}
