import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { formatRootId } from "../../src/index.js";
import type { DisclosureReport } from "../../tasks/lib/report.js";
import { ethers, failure, networkHelpers, run } from "./helpers.js";
import { payable, receivableMembers } from "./receivablesSetup.js";

/** A receivable through its whole life: payable, attestation, document, tiers, two repayments, claims, freeze. */
async function lifecycle() {
  const f = await receivableMembers();
  const rootId = await payable(f.due);
  const root = formatRootId(rootId);
  await run(["receivable", "attest"], {
    from: "verifier",
    root,
    kind: "CUSTOMS_DECLARATION",
    evidence: ethers.id("customs 2231"),
  });
  await (
    await f.suite.receivables.contract
      .connect(f.tier1)
      .setDocument(rootId, ethers.encodeBytes32String("delivery-note"), "ipfs://dn-1", ethers.id("dn-1"))
  ).wait();
  await run(["receivable", "send-value"], { from: "tier1", fragment: `${root}/0`, to: "tier2", amount: "400,000.00" });
  await run(["receivable", "repay"], { from: "acme", root, amount: "600,000.00" });
  await run(["receivable", "claim"], { from: "tier2", root });
  await run(["receivable", "repay"], { from: "acme", root, amount: "400,000.00" });
  await run(["receivable", "claim"], { from: "tier1", root });
  const other = await payable(f.due, "INV-2", "50.00");
  return { ...f, rootId, root, other };
}

describe("Tasks: report", () => {
  it("writes the disclosure report of one receivable as Markdown and JSON", async () => {
    const f = await networkHelpers.loadFixture(lifecycle);
    const out = mkdtempSync(path.join(tmpdir(), "scf-report-"));
    const { result, out: printed } = await run(["report"], { root: f.root, out });
    const { files } = result as { files: { markdown: string; json: string }; report: DisclosureReport };
    expect(existsSync(files.markdown) && existsSync(files.json)).to.equal(true);
    expect(printed).to.contain(
      `${f.root}: Settled, face 1,000,000.00, paid 1,000,000.00, 2 holder fragment(s), 1 attestation(s)`,
    );
    expect(printed).to.contain(`wrote ${files.markdown}`);

    const json = JSON.parse(readFileSync(files.json, "utf8")) as DisclosureReport;
    expect(json.receivables).to.have.length(1);
    const r = json.receivables[0];
    expect(r).to.include({
      rootId: f.root,
      state: "Settled",
      face: "1,000,000.00",
      outstanding: "0.00",
      dueDate: f.due,
      faceBase: "100000000",
      paidBase: "100000000",
      outstandingBase: "0",
    });
    expect(r.creditor).to.deep.equal({ address: f.tier1.address, name: "tier1" });
    expect(r.debtor).to.deep.equal({ address: f.acme.address, name: "acme" });
    expect(r.invoice).to.deep.equal({
      invoiceHash: ethers.id("INV-1"),
      uri: "ipfs://INV-1",
      hash: ethers.id("INV-1.pdf"),
    });
    expect(r.documents.map((d) => [d.name, d.uri, d.hash])).to.deep.equal([
      ["delivery-note", "ipfs://dn-1", ethers.id("dn-1")],
    ]);
    expect(r.attestations.map((a) => [a.kind, a.author.name, a.evidence, a.revoked])).to.deep.equal([
      ["CUSTOMS_DECLARATION", "verifier", ethers.id("customs 2231"), false],
    ]);
    expect(r.cashFlows.map((c) => [c.type, c.party.name, c.amount, c.amountBase])).to.deep.equal([
      ["repayment", "acme", "600,000.00", "60000000"],
      ["claim", "tier2", "240,000.00", "24000000"],
      ["repayment", "acme", "400,000.00", "40000000"],
      ["claim", "tier1", "600,000.00", "60000000"],
    ]);
    expect(r.holders.map((h) => [h.valueBase, h.claimedBase, h.claimableBase])).to.deep.equal([
      ["60000000", "60000000", "0"],
      ["40000000", "24000000", "16000000"],
    ]);
    expect(r.holders.map((h) => [h.fragment, h.holder.name, h.tier, h.value, h.claimed, h.claimable])).to.deep.equal([
      [`${f.root}/0`, "tier1", 0, "600,000.00", "600,000.00", "0.00"],
      [`${f.root}/1`, "tier2", 1, "400,000.00", "240,000.00", "160,000.00"],
    ]);
    expect(r.lifecycle.map((l) => l.event)).to.deep.equal([
      "ReceivableIssued",
      "AttestationAdded",
      "DocumentUpdated",
      "FragmentValueSent",
      "ReceivableRepaid",
      "FragmentClaimed",
      "ReceivableRepaid",
      "ReceivableSettled",
      "FragmentClaimed",
    ]);
    expect(r.lifecycle[0].detail).to.contain("payable issued by the debtor (confirmed): face 1,000,000.00");

    const md = readFileSync(files.markdown, "utf8");
    for (const heading of [
      "## Receivable",
      "### Documents",
      "### Attestations",
      "### Holders",
      "### Cash flows",
      "### Lifecycle",
    ]) {
      expect(md).to.contain(heading);
    }
    expect(md).to.contain(`| Debtor | acme (${f.acme.address}) |`);
    expect(md).to.contain("| invoice (anchored at issue) | ipfs://INV-1 |");
  });

  it("reports every receivable of the deployment; refuses an unknown root", async () => {
    const f = await networkHelpers.loadFixture(lifecycle);
    const out = mkdtempSync(path.join(tmpdir(), "scf-report-"));
    const { result } = await run(["report"], { out });
    const { files, report } = result as { files: { markdown: string; json: string }; report: DisclosureReport };
    expect(path.basename(files.json)).to.equal("deployment.json");
    expect([report.bonds, report.products]).to.deep.equal([[], []]);
    expect(report.receivables.map((r) => [r.rootId, r.state, r.face])).to.deep.equal([
      [f.root, "Settled", "1,000,000.00"],
      [formatRootId(f.other), "Confirmed", "50.00"],
    ]);
    expect(report.contract).to.equal(f.addresses["Receivables#ReceivableToken"]);
    expect(await failure(["report"], { root: "0x42", out })).to.equal(
      `--root: receivable ${formatRootId(0x42n)} is unknown on deployment tasks-test; no transaction sent`,
    );
  });
});
