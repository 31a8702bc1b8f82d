import path from "node:path";

import { buildReport, writeReport } from "../../tasks/lib/report.js";
import type { Chapter } from "./context.js";

/**
 * The exchange's disclosure platform publishes the whole deployment: every receivable, bond and
 * product, with documents, ratings, lifecycle, cash flows and holders, read from events (the same
 * report as `npx hardhat report --deployment-id <id>`).
 */
const chapter: Chapter = {
  title: "Disclosure: the exchange publishes every receivable, bond and product of the deployment",
  async run(ctx) {
    const name = (a: string) =>
      Object.values(ctx.actors).find((x) => x.address.toLowerCase() === a.toLowerCase())?.name;
    const report = await buildReport(ctx.suite, { network: ctx.networkName, nameOf: name });
    const files = writeReport(report, path.join("reports", `demo-${ctx.networkName}`), "deployment");
    const bonds = report.bonds ?? [];
    const products = report.products ?? [];
    ctx.table([
      ...report.receivables.map((r) => ({
        asset: `receivable ${r.rootId.slice(0, 14)}…`,
        state: r.state,
        "cash flows": String(r.cashFlows.length),
        holders: String(r.holders.length),
      })),
      ...bonds.map((b) => ({
        asset: `bond ${b.symbol}`,
        state: b.state,
        "cash flows": String(b.cashFlows.length),
        holders: String(b.holders.length),
      })),
      ...products.map((p) => ({
        asset: `product ${p.address.slice(0, 10)}…`,
        state: p.phase,
        "cash flows": String(p.cashFlows.length),
        holders: String(p.holders.length),
      })),
    ]);
    ctx.log(
      `disclosure report of the deployment (${report.receivables.length} receivables, ${bonds.length} bonds, ${products.length} products): ${files.markdown} and ${path.basename(files.json)}`,
    );
  },
};

export default chapter;
