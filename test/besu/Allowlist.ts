import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";

import { deployedSuite, failure, networkHelpers, run, scratch } from "../tasks/helpers.js";
import type { Allowlist } from "../../tasks/actions/besu-allowlist.js";

const enode = (b: string, host: string) => `enode://${b.repeat(64)}@${host}:30303`;

describe("Tasks: besu allowlist", () => {
  async function fixture() {
    const f = await deployedSuite();
    await run(["participants", "register"], { participant: "acme", kinds: "SME", kycExpiry: "2099-12-31" });
    await run(["participants", "register"], { participant: "tier1", kinds: "SME", kycExpiry: "2099-12-31" });
    await run(["participants", "suspend"], { participant: "tier1", reason: "audit" });
    const nodes = path.join(scratch, "member-nodes.json");
    writeFileSync(
      nodes,
      JSON.stringify({
        validators: [enode("a1", "172.16.239.11")],
        members: { acme: [enode("b2", "10.0.0.2")], tier1: [enode("c3", "10.0.0.3")] },
      }),
    );
    return { ...f, nodes };
  }

  it("allows eligible wallets, operators and Active members' nodes; leaves out the suspended", async () => {
    const f = await networkHelpers.loadFixture(fixture);
    const out = path.join(scratch, "permissions_config.toml");
    const { result, out: printed } = await run(["besu", "allowlist"], { nodes: f.nodes, out, extra: "outsider" });
    const a = result as Allowlist;
    const lower = (x: { address: string }) => x.address.toLowerCase();
    expect(a.accounts).to.include(lower(f.acme)).and.include(lower(f.outsider));
    expect(a.accounts).to.not.include(lower(f.tier1));
    // The 6 operators (#1..#3 also the consortium's owners); not the deployer, which holds nothing.
    for (const op of f.signers.slice(1, 7)) expect(a.accounts).to.include(lower(op));
    expect(a.accounts).to.not.include(lower(f.signers[0]));
    expect(a.nodes).to.deep.equal([enode("a1", "172.16.239.11"), enode("b2", "10.0.0.2")].sort());
    expect(printed).to.contain("nodes left out (member not Active): tier1 (Suspended)");
    const toml = readFileSync(out, "utf8");
    expect(toml).to.equal(a.toml);
    expect(toml)
      .to.match(/^accounts-allowlist=\[$/m)
      .and.match(/^nodes-allowlist=\[$/m);
  });

  it("rejects a malformed enode before reading the chain", async () => {
    await networkHelpers.loadFixture(fixture);
    const bad = path.join(scratch, "bad-nodes.json");
    writeFileSync(bad, JSON.stringify({ validators: ["enode://xyz@host:1"] }));
    expect(await failure(["besu", "allowlist"], { nodes: bad, dryRun: true })).to.contain(
      '--nodes: "enode://xyz@host:1" is not an enode URL',
    );
  });
});
