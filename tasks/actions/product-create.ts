import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { PRODUCT_LIMITS, parseTerms } from "../../src/areas/products.js";
import { formatTokenId, parseTokenId } from "../../src/areas/receivables.js";
import { ReceivableToken__factory } from "../../types/ethers-contracts/index.js";
import { formatBps, parseBps } from "../../src/units.js";
import { printProduct, requireKind } from "../lib/products.js";
import { requireOption } from "../lib/print.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, TaskError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  fragments: string;
  seniorShare: string;
  seniorRate: string;
  servicingFee: string;
  exchange: string;
  ratingAgency: string;
  registrar: string;
}

export default async function create(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.fragments, "--fragments");
    requireOption(args.seniorShare, "--senior-share");
    requireOption(args.seniorRate, "--senior-rate");
    requireOption(args.exchange, "--exchange");
    requireOption(args.ratingAgency, "--rating-agency");
    requireOption(args.registrar, "--registrar");
    const texts = args.fragments.split(/[\s;,]+/).filter((x) => x !== "");
    const ids = texts.map((t, i) => parseTokenId(t, `--fragments[${i}]`));
    const seen = new Set<bigint>();
    for (const id of ids) {
      if (seen.has(id)) throw new InputError(`--fragments: ${formatTokenId(id)} is given twice`);
      seen.add(id);
    }
    const seniorBps = parseBps(args.seniorShare, "--senior-share");
    if (seniorBps === 0n) throw new InputError("--senior-share: must be above 0% (100% = a single tranche)");
    const terms = parseTerms({
      seniorShare: seniorBps,
      seniorRate: parseBps(args.seniorRate, "--senior-rate", PRODUCT_LIMITS.maxRateBps),
      servicingFee: parseBps(args.servicingFee, "--servicing-fee", PRODUCT_LIMITS.maxFeeBps),
    });

    const rt = await openRuntime(args, hre);
    const { signer, address: from } = await actingSigner(rt);
    await requireKind(rt, from, "FACTOR");
    // The parties bound to the product: only they approve, rate and list it.
    const parties = {
      exchange: rt.address(args.exchange, "--exchange"),
      ratingAgency: rt.address(args.ratingAgency, "--rating-agency"),
      registrar: rt.address(args.registrar, "--registrar"),
    };
    await requireKind(rt, parties.exchange, "EXCHANGE", "--exchange");
    await requireKind(rt, parties.ratingAgency, "RATING_AGENCY", "--rating-agency");
    await requireKind(rt, parties.registrar, "REGISTRATION_AGENT", "--registrar");
    const products = rt.suite.products;
    const max = await products.contract.maxBasket();
    if (BigInt(ids.length) > max) {
      throw new InputError(`--fragments: ${ids.length} fragments, more than the maximum basket of ${max}`);
    }
    const r = rt.suite.receivables;
    let face = 0n;
    for (const id of ids) {
      const name = formatTokenId(id);
      const root = await r.root(id >> 32n);
      let holder: string | undefined;
      try {
        holder = await r.contract.ownerOf(id);
      } catch {
        holder = undefined;
      }
      if (root === undefined || holder === undefined) throw new InputError(`--fragments: ${name} does not exist`);
      if (holder.toLowerCase() !== from.toLowerCase()) {
        throw new InputError(`--fragments: ${name} is held by ${rt.label(holder)}, not by ${rt.label(from)}`);
      }
      if (root.state !== "Confirmed" && root.state !== "PartiallyPaid") {
        throw new InputError(
          `--fragments: ${name} is ${root.state}; a basket takes confirmed receivables that are not overdue`,
        );
      }
      if (root.currency.toLowerCase() !== rt.suite.addresses.cash.toLowerCase()) {
        throw new InputError(`--fragments: ${name} is in ${rt.label(root.currency)}, not the settlement cash`);
      }
      if (await r.contract.isFrozen(id)) throw new InputError(`--fragments: ${name} is frozen by the regulator`);
      const [f] = await r.contract.fragment(id);
      face += f.value;
    }

    const factory = products.contract.connect(signer);
    const receivables = ReceivableToken__factory.connect(rt.suite.addresses.receivables, signer);
    const operator = rt.suite.addresses.productFactory;
    const approved = await receivables.isApprovedForAll(from, operator);
    const steps = approved ? 1 : 2;
    const what = `create a product of ${ids.length} fragment${ids.length === 1 ? "" : "s"} (face ${products.format(face)}): ${
      terms.seniorBps === 10_000n ? "single tranche" : `senior ${formatBps(terms.seniorBps)}`
    } at ${formatBps(terms.seniorRateBps)}, servicing fee ${formatBps(terms.servicingFeeBps)}; exchange ${rt.label(parties.exchange)}, rating agency ${rt.label(parties.ratingAgency)}, registration agent ${rt.label(parties.registrar)}`;
    if (!approved) {
      await rt.send(`[1/2] approve the product factory as operator of ${rt.label(from)}'s fragments`, (o) => ({
        staticCall: () => receivables.setApprovalForAll.staticCall(operator, true, o),
        estimateGas: () => receivables.setApprovalForAll.estimateGas(operator, true, o),
        send: () => receivables.setApprovalForAll(operator, true, o),
      }));
      if (args.dryRun) {
        rt.log(`dry run: then ${what}; no transaction sent`);
        return undefined;
      }
    }
    const tx = await rt.send(`${steps === 2 ? "[2/2] " : ""}${what}`, (o) => ({
      staticCall: () => factory.createProduct.staticCall(ids, terms, parties, o),
      estimateGas: () => factory.createProduct.estimateGas(ids, terms, parties, o),
      send: () => factory.createProduct(ids, terms, parties, o),
    }));
    if (tx === undefined) return undefined;
    const receipt = await tx.wait();
    const address = receipt === null ? undefined : products.productOf(receipt);
    if (address === undefined) throw new TaskError(`create: tx ${tx.hash} created no product`);
    rt.log(`  product ${address} (#${await products.count()})`);
    await printProduct(rt, products.product(address));
    return { hash: tx.hash, product: address };
  });
}
