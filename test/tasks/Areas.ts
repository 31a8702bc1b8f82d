import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { connect, IGNITION_IDS, type ContractKey, type Suite } from "../../src/index.js";
import { suiteTasks } from "../../tasks/index.js";
import type { DisclosureReport } from "../../tasks/lib/report.js";
import { deployedSuite, ethers, networkHelpers, run } from "./helpers.js";

/**
 * Every deployed contract of the Suite has an SDK facade, a task namespace and a place in the
 * deployment-wide disclosure report (CONTRIBUTING.md, "Adding an asset area"). A new key in
 * `IGNITION_IDS` fails here until its row is added, so an area cannot land half-wired.
 */
const AREAS: Record<ContractKey, { facade: keyof Suite; tasks: string; report: keyof DisclosureReport }> = {
  manager: { facade: "manager", tasks: "roles", report: "contract" }, // the report names the deployment
  registry: { facade: "registry", tasks: "participants", report: "receivables" }, // parties by participant name
  cash: { facade: "cash", tasks: "cash", report: "receivables" }, // cash flows in the settlement currency
  receivables: { facade: "receivables", tasks: "receivable", report: "receivables" },
  market: { facade: "market", tasks: "market", report: "receivables" }, // sales and auctions per receivable
  bondFactory: { facade: "bonds", tasks: "bond", report: "bonds" },
  productFactory: { facade: "products", tasks: "product", report: "products" },
};

describe("Areas: every deployed contract has a facade, tasks and a report section", () => {
  it("has a row for exactly the keys of IGNITION_IDS", () => {
    expect(Object.keys(AREAS).sort()).to.deep.equal(Object.keys(IGNITION_IDS).sort());
  });

  it("each row's facade is on connect(), its namespace has tasks, its report section is in a built report", async () => {
    const f = await networkHelpers.loadFixture(async function suiteOnly() {
      return deployedSuite();
    });
    const suite = connect(f.addresses, ethers.provider);
    const out = mkdtempSync(path.join(tmpdir(), "scf-areas-"));
    const { report } = (await run(["report"], { out })).result as { report: DisclosureReport };
    const namespaces = new Set(suiteTasks.map((t) => t.id[0]));
    for (const [key, row] of Object.entries(AREAS)) {
      expect(suite[row.facade], `${key}: facade suite.${row.facade}`).to.not.equal(undefined);
      expect(namespaces.has(row.tasks), `${key}: task namespace ${row.tasks}`).to.equal(true);
      expect(
        suiteTasks.filter((t) => t.id[0] === row.tasks && t.id.length > 1),
        `${key}: tasks`,
      ).to.not.have.length(0);
      expect(report[row.report], `${key}: report.${row.report}`).to.not.equal(undefined);
    }
  });
});
