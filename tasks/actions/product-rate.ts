import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { GRADE_SCALE, notchOf, parseGrade } from "../../src/areas/products.js";
import { formatDate, parseDate } from "../../src/units.js";
import {
  chainNow,
  hashOrText,
  knownProduct,
  printProduct,
  requireBoundParty,
  requireKind,
  requirePhase,
} from "../lib/products.js";
import { requireOption } from "../lib/print.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  grade: string;
  notch: string;
  expiry: string;
  reportUri: string;
  reportHash: string;
}

export default async function rate(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.grade, "--grade");
    requireOption(args.expiry, "--expiry");
    requireOption(args.reportUri, "--report-uri");
    const grade = parseGrade(args.grade, "--grade");
    const label = args.grade.trim();
    let notch: number;
    if (args.notch !== "") {
      if (!/^\d+$/.test(args.notch.trim()) || Number(args.notch) < 1 || Number(args.notch) > 255) {
        throw new InputError(`--notch: "${args.notch}" is not a whole number from 1 (best) to 255`);
      }
      notch = Number(args.notch);
    } else {
      const n = notchOf(label);
      if (n === undefined) {
        throw new InputError(`--notch is needed: "${label}" is not on the default scale ${GRADE_SCALE.join(", ")}`);
      }
      notch = n;
    }
    const expiry = parseDate(args.expiry, "--expiry");
    const reportHash = hashOrText(args.reportHash);

    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, address: from } = await actingSigner(rt);
    await requireBoundParty(rt, p, from, "ratingAgency");
    await requireKind(rt, from, "RATING_AGENCY");
    await requirePhase(rt, p, "a rating", "Originated", "Approved", "Listed", "Active");
    const now = await chainNow(rt);
    if (expiry <= now) {
      throw new InputError(`--expiry: ${args.expiry} is not after the chain's time ${formatDate(now)}`);
    }
    const before = await p.rating(now);
    const c = p.contract.connect(signer);
    const call = [grade, notch, expiry, args.reportUri, reportHash] as const;
    const tx = await rt.send(
      `rate product ${rt.label(p.address)} ${label} (notch ${notch}) until ${formatDate(expiry)}`,
      (o) => ({
        staticCall: () => c.rate.staticCall(...call, o),
        estimateGas: () => c.rate.estimateGas(...call, o),
        send: () => c.rate(...call, o),
      }),
    );
    if (tx === undefined) return undefined;
    if (before !== undefined && notch > before.notch) {
      rt.log(`  downgrade: ${before.grade} (notch ${before.notch}) -> ${label} (notch ${notch})`);
    }
    await printProduct(rt, p);
    return tx.hash;
  });
}
