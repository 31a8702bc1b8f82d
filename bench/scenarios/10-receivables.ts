import { deployReceivablesOn } from "../../test/helpers/receivables.js";
import type { BenchContext } from "../harness.js";

/** Receivable scenarios (issue 3). */
export default async function receivables({ conn, measure }: BenchContext) {
  const { ethers } = conn;
  const r = await deployReceivablesOn(conn);
  const [debtor, supplier, tier2, tier3] = r.signers.slice(7, 11);
  await r.register("CORE-1", debtor, "CORE_ENTERPRISE");
  await r.register("SUP-1", supplier, "SME");
  await r.register("SUP-2", tier2, "SME");
  await r.register("SUP-3", tier3, "SME");
  await r.fund(debtor, 100_000_000_00n);
  await r.fund(supplier, 1_00n); // holders in business already hold cash
  const cashAddr = await r.cash.getAddress();
  const rc = r.receivables;

  // The supplier already holds a receivable, as a supplier in business does.
  await r.payable(debtor, supplier, 1_000_00n, "INV-0");
  const due = (await r.latest()) + 90n * 86400n;
  const invoiceHash = ethers.id("INV-1");
  const rootId = await rc.rootIdOf(invoiceHash, supplier.address, debtor.address);
  await measure(
    "receivable.issue",
    "creditor issues a pending receivable (creditor already holds one)",
    rc
      .connect(supplier)
      .issue(debtor.address, cashAddr, 1_000_000_00n, due, invoiceHash, "ipfs://inv-1", ethers.id("doc-1")),
  );
  await measure("receivable.confirm", "debtor confirms a pending receivable", rc.connect(debtor).confirm(rootId));
  const tokenId = rootId << 32n;

  await measure(
    "receivable.transferValue.newHolder",
    "send part of a fragment to a participant holding no fragment yet (new token, first holding)",
    rc.connect(supplier).sendValue(tokenId, tier3.address, 50_000_00n),
  );
  await measure(
    "receivable.transferValue",
    "send part of a fragment to another participant as a new fragment (recipient holds other fragments)",
    rc.connect(supplier).sendValue(tokenId, tier3.address, 40_000_00n),
  );
  // The recipient of the whole transfer already holds a fragment.
  await (await rc.connect(supplier).sendValue(tokenId, tier2.address, 30_000_00n)).wait();
  const other = await r.payable(debtor, supplier, 10_000_00n, "INV-2");
  await measure(
    "receivable.transfer",
    "ERC-721 transferFrom of a whole fragment, recipient already holds",
    rc.connect(supplier).transferFrom(supplier.address, tier2.address, other.tokenId),
  );

  // Repay on a root with 1 live fragment and on one with 100.
  await (await r.cash.connect(debtor).approve(await rc.getAddress(), ethers.MaxUint256)).wait();
  const one = await r.payable(debtor, supplier, 1_000_000_00n, "INV-ONE");
  await (await rc.connect(debtor).repay(one.rootId, 1_00n)).wait();
  await measure(
    "receivable.repay.1",
    "partial payment on a root with 1 live fragment",
    rc.connect(debtor).repay(one.rootId, 10_000_00n),
  );
  const hundred = await r.payable(debtor, supplier, 1_000_000_00n, "INV-HUNDRED");
  const parts = Array.from({ length: 11 }, () => 1_000_00n);
  parts[0] = 1_000_000_00n - 10n * 1_000_00n;
  for (let i = 0; i < 9; i++) {
    // 9 splits of 11 parts then one more of 10 give 100 fragments.
    const p = i === 0 ? parts : parts.map((v, j) => (j === 0 ? 1_000_000_00n - 10n * 1_000_00n * BigInt(i + 1) : v));
    await (await rc.connect(supplier).split(hundred.tokenId, p)).wait();
  }
  const last = Array.from({ length: 10 }, () => 1_000_00n);
  last[0] = 1_000_000_00n - 90n * 1_000_00n - 9n * 1_000_00n;
  await (await rc.connect(supplier).split(hundred.tokenId, last)).wait();
  const live = (await rc.receivable(hundred.rootId)).fragmentCount;
  if (live !== 100n) throw new Error(`expected 100 fragments, got ${live}`);
  await (await rc.connect(debtor).repay(hundred.rootId, 1_00n)).wait();
  await measure(
    "receivable.repay.100",
    "partial payment on a root with 100 live fragments",
    rc.connect(debtor).repay(hundred.rootId, 10_000_00n),
  );

  // First claim of a fragment after a payment.
  const fragment = (hundred.rootId << 32n) | 5n;
  await measure(
    "receivable.claim",
    "holder claims its share of two payments (first claim; holder already holds cash)",
    rc.connect(supplier).claim(fragment),
  );
}
