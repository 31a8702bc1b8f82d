import path from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { IBondFactory__factory, IProductFactory__factory } from "../../types/ethers-contracts/index.js";
import { knownRoot } from "../lib/receivables.js";
import { buildReport, writeReport } from "../lib/report.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  root: string;
  bond: string;
  product: string;
  out: string;
}

export default async function report(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const chosen = (["root", "bond", "product"] as const).filter((k) => (args[k] ?? "") !== "");
    if (chosen.length > 1) {
      throw new InputError(
        `give at most one of --root, --bond, --product (got ${chosen.map((k) => `--${k}`).join(", ")})`,
      );
    }
    const rt = await openRuntime(args, hre);
    const root = (args.root ?? "") === "" ? undefined : await knownRoot(rt, args.root);
    let bond: string | undefined;
    if ((args.bond ?? "") !== "") {
      bond = rt.address(args.bond, "--bond");
      const factory = IBondFactory__factory.connect(rt.suite.addresses.bondFactory, rt.ethers.provider);
      if (!(await factory.isBond(bond))) {
        throw new InputError(`--bond: ${rt.label(bond)} is not a bond of deployment ${args.deploymentId}`);
      }
    }
    let product: string | undefined;
    if ((args.product ?? "") !== "") {
      product = rt.address(args.product, "--product");
      const factory = IProductFactory__factory.connect(rt.suite.addresses.productFactory, rt.ethers.provider);
      if (!(await factory.isProduct(product))) {
        throw new InputError(`--product: ${rt.label(product)} is not a product of deployment ${args.deploymentId}`);
      }
    }
    const rep = await buildReport(rt.suite, {
      rootId: root?.rootId,
      bond,
      product,
      network: rt.networkName,
      nameOf: (a) => rt.book.nameOf(a),
    });
    const dir = args.out !== "" ? args.out : path.join("reports", `${args.deploymentId}`);
    const base =
      root !== undefined
        ? `receivable-${root.rootHex.slice(2, 14)}`
        : bond !== undefined
          ? `bond-${bond.slice(2, 12).toLowerCase()}`
          : product !== undefined
            ? `product-${product.slice(2, 12).toLowerCase()}`
            : "deployment";
    const files = writeReport(rep, dir, base);
    rt.log(`${rep.title}`);
    for (const r of rep.receivables) {
      rt.log(
        `  ${r.rootId}: ${r.state}, face ${r.face}, paid ${r.paid}, ${r.holders.length} holder fragment(s), ${r.attestations.length} attestation(s), ${r.lifecycle.length} event(s)`,
      );
    }
    for (const b of rep.bonds ?? []) {
      rt.log(
        `  bond ${b.symbol} ${b.address}: ${b.state}, ${b.proceeds.unitsIssued} units issued, raised ${b.proceeds.raised}, ${b.holders.length} holder(s), ${b.lifecycle.length} event(s)`,
      );
    }
    for (const p of rep.products ?? []) {
      rt.log(
        `  product ${p.address}: ${p.phase}, face ${p.face}, collected ${p.waterfall.collected}, ${p.holders.length} holding(s), ${p.lifecycle.length} event(s)`,
      );
    }
    rt.log(`wrote ${files.markdown}`);
    rt.log(`wrote ${files.json}`);
    return { files, report: rep };
  });
}
