import path from "node:path";

import { id as keccakText } from "ethers";

import { formatTokenId, tokenIdOf, type FragmentView } from "../../src/areas/receivables.js";
import { formatDate } from "../../src/units.js";
import { buildReport, writeReport } from "../../tasks/lib/report.js";
import type { Chapter, DemoContext } from "./context.js";

const INVOICE = "SAG-2027-000117";
const INVOICE_DOC = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/SAG-2027-000117.pdf";
const COURT_ORDER = "(2027) Hu 0115 Zhi Bao No. 7"; // a court order reference (<= 31 bytes)

const chapter: Chapter = {
  title: "Receivables: a confirmed payable split down the supply chain, repaid and claimed",
  async run(ctx) {
    const { suite, actors } = ctx;
    const { core, tier1, tier2, tier3, verifier, regulator } = actors;
    const r = suite.receivables;
    const name = (a: string) => Object.values(actors).find((x) => x.address.toLowerCase() === a.toLowerCase())?.name;
    const short = (a: string) => name(a)?.replace(/ \(.*\)$/, "") ?? a;

    // 1. The core enterprise issues a confirmed payable to its tier-1 supplier; the invoice
    //    fingerprint makes the step idempotent (a re-run finds it used and skips).
    const rootId = await r.fingerprint(INVOICE, tier1.address, core.address);
    if (!(await r.isFingerprintUsed(rootId))) {
      const now = (await ctx.conn.ethers.provider.getBlock("latest"))!.timestamp;
      const due = formatDate(now + 180 * 86400 - ((now + 180 * 86400) % 86400));
      await ctx.settle([
        ctx.as(core.signer).receivables.issuePayable(tier1.address, {
          amount: "1,000,000.00",
          dueDate: due,
          invoiceNumber: INVOICE,
          documentUri: INVOICE_DOC,
          documentHash: keccakText(`${INVOICE} invoice PDF`),
        }),
      ]);
      ctx.log(
        `${short(core.address)} issued a confirmed payable of 1,000,000.00 to ${short(tier1.address)}, due ${due}`,
      );
    } else ctx.log(`payable for invoice ${INVOICE} already issued`);
    const root = (await r.root(rootId))!;
    ctx.log(`receivable ${root.rootHex} (invoice ${INVOICE}, document anchored at ${INVOICE_DOC.slice(0, 28)}…)`);

    // 2. The customs verifier attests the export declaration behind the invoice.
    if ((await r.attestations(rootId)).length === 0) {
      await ctx.settle([
        ctx
          .as(verifier.signer)
          .receivables.attest(rootId, "CUSTOMS_DECLARATION", keccakText("declaration 220120270001170")),
      ]);
      ctx.log(`${short(verifier.address)} attested the customs declaration`);
    }

    // 3. Value flows down the tiers: tier-1 -> tier-2 400,000.00, tier-2 -> tier-3 150,000.00.
    const t0 = tokenIdOf(rootId, 0);
    const t1 = tokenIdOf(rootId, 1);
    const t2 = tokenIdOf(rootId, 2);
    let shown = false;
    if (root.fragmentCount < 2) {
      await ctx.settle([ctx.as(tier1.signer).receivables.sendValue(t0, tier2.address, "400,000.00")]);
      ctx.log(`${short(tier1.address)} sent 400,000.00 to ${short(tier2.address)}`);
    }
    if (root.fragmentCount < 3) {
      await ctx.settle([ctx.as(tier2.signer).receivables.sendValue(t1, tier3.address, "150,000.00")]);
      ctx.log(`${short(tier2.address)} sent 150,000.00 to ${short(tier3.address)}`);
    }
    if (root.fragmentCount < 3) shown = await show(ctx, rootId, "after the transfers");

    // 4. A court order freezes tier-3's fragment, then the regulator lifts it.
    const events = await r.events(rootId);
    if (!events.some((e) => e.name === "FragmentUnfrozen")) {
      const reg = ctx.as(regulator.signer).receivables;
      if (!(await r.contract.isFrozen(t2))) await ctx.settle([reg.freeze(t2, COURT_ORDER)]);
      ctx.log(`${short(regulator.address)} froze ${formatTokenId(t2)} (${COURT_ORDER})`);
      await show(ctx, rootId, "under the freeze");
      await ctx.settle([reg.unfreeze(t2, COURT_ORDER)]);
      ctx.log(`${short(regulator.address)} lifted the freeze`);
    }

    // 5. The debtor repays 60%, holders claim; then the rest, holders claim again.
    for (const [target, label] of [
      [60_000_000n, "60% (600,000.00)"],
      [100_000_000n, "the remaining 400,000.00"],
    ] as const) {
      const now = (await r.root(rootId))!;
      if (now.paid < target) {
        await ctx.settle([ctx.as(core.signer).receivables.repay(rootId, target - now.paid)]);
        ctx.log(`${short(core.address)} repaid ${label}`);
      }
      const owed = (await r.fragments(rootId)).filter((f) => f.claimable > 0n);
      await ctx.settle(
        owed.map((f) =>
          ctx.as(Object.values(actors).find((a) => a.address === f.holder)!.signer).receivables.claim(f.tokenId),
        ),
      );
      if (owed.length > 0) ctx.log(`${owed.map((f) => short(f.holder)).join(", ")} claimed`);
      if (now.paid < target || owed.length > 0) shown = await show(ctx, rootId, `after repaying ${label}`);
    }

    if (!shown) await show(ctx, rootId, "(already done on this chain)");

    // 6. The disclosure report an exchange's information-disclosure platform publishes.
    const report = await buildReport(suite, { rootId, network: ctx.networkName, nameOf: name });
    const files = writeReport(
      report,
      path.join("reports", `demo-${ctx.networkName}`),
      `receivable-${root.rootHex.slice(2, 14)}`,
    );
    ctx.log(`disclosure report: ${files.markdown} and ${path.basename(files.json)}`);
  },
};

async function show(ctx: DemoContext, rootId: bigint, when: string): Promise<true> {
  const r = ctx.suite.receivables;
  const root = (await r.root(rootId))!;
  const frs: FragmentView[] = await r.fragments(rootId);
  const who = (a: string) =>
    Object.values(ctx.actors).find((x) => x.address.toLowerCase() === a.toLowerCase())?.name ?? a;
  ctx.log();
  ctx.log(`fragments ${when}: ${root.state}, paid ${await r.format(root.paid)} of ${await r.format(root.face)}`);
  ctx.table(
    await Promise.all(
      frs.map(async (f) => ({
        fragment: `/${f.index}`,
        holder: who(f.holder),
        tier: String(f.tier),
        value: await r.format(f.value),
        claimed: await r.format(f.claimed),
        claimable: await r.format(f.claimable),
        frozen: f.frozen ? "FROZEN" : "",
      })),
    ),
  );
  const { core, tier1, tier2, tier3 } = ctx.actors;
  ctx.table(
    await Promise.all(
      [core, tier1, tier2, tier3].map(async (a) => ({
        member: a.name,
        cash: ctx.suite.cash.format(await ctx.suite.cash.balanceOf(a.address)),
      })),
    ),
  );
  return true;
}

export default chapter;
