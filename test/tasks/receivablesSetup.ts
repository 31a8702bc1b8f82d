import { readFileSync, writeFileSync } from "node:fs";

import { connect } from "../../src/index.js";
import { BOOK, deployedSuite, ethers, networkHelpers, run } from "./helpers.js";

/**
 * The tasks' Suite with members for receivables: acme (core enterprise, 5,000,000.00 cash), tier1
 * and tier2 (SMEs), verifier (VERIFIER); outsider is not registered. Adds tier2 and verifier to
 * the test address book.
 */
export async function receivableMembers() {
  const f = await deployedSuite();
  const [tier2, verifier] = f.signers.slice(14, 16);
  const book = JSON.parse(readFileSync(BOOK, "utf8")) as Record<string, unknown>;
  book.tier2 = { address: tier2.address, code: "91310000TIER20001X" };
  book.verifier = { address: verifier.address, code: "91310000CUSTOMS01X" };
  writeFileSync(BOOK, JSON.stringify(book));
  for (const [participant, kinds] of [
    ["acme", "CORE_ENTERPRISE"],
    ["tier1", "SME"],
    ["tier2", "SME"],
    ["verifier", "VERIFIER"],
  ]) {
    await run(["participants", "register"], { participant, kinds, kycExpiry: "2099-12-31" });
  }
  await run(["cash", "mint"], { to: "acme", amount: "5,000,000.00" });
  const suite = connect(f.addresses, ethers.provider);
  const now = BigInt(await networkHelpers.time.latest());
  const due = new Date(Number(now + 90n * 86_400n) * 1000).toISOString().slice(0, 10);
  return { ...f, tier2, verifier, suite, due };
}

/** Issues the payable INV-1 of 1,000,000.00 from acme to tier1; returns its root id. */
export async function payable(due: string, invoice = "INV-1", amount = "1,000,000.00") {
  const { result } = await run(["receivable", "issue"], {
    from: "acme",
    creditor: "tier1",
    amount,
    due,
    invoice,
    documentUri: `ipfs://${invoice}`,
    documentHash: ethers.id(`${invoice}.pdf`),
  });
  return (result as { rootId: bigint }).rootId;
}
