import { ZeroHash } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { Kinds } from "../../src/kinds.js";
import { formatRootId, invoiceHashOf } from "../../src/areas/receivables.js";
import { formatDate, parseDate, parsePositiveAmount } from "../../src/units.js";
import { actingSigner, printReceivable, requireEligible } from "../lib/receivables.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  debtor: string;
  creditor: string;
  amount: string;
  due: string;
  invoice: string;
  documentUri: string;
  documentHash: string;
  currency: string;
}

export default async function issue(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    if ((args.debtor === "") === (args.creditor === "")) {
      throw new InputError(
        "give exactly one of --debtor (a creditor issues a receivable, pending) or --creditor (a debtor issues a confirmed payable)",
      );
    }
    requireOption(args.amount, "--amount");
    requireOption(args.due, "--due");
    requireOption(args.invoice, "--invoice");
    const rt = await openRuntime(args, hre);
    const r = rt.suite.receivables;
    const { signer, address: from } = await actingSigner(rt);
    const payable = args.creditor !== "";
    const counterparty = payable ? rt.address(args.creditor, "--creditor") : rt.address(args.debtor, "--debtor");
    const currency = args.currency === "" ? undefined : rt.address(args.currency, "--currency");
    const a = {
      currency: currency ?? rt.suite.addresses.cash,
      face: parsePositiveAmount(args.amount, await r.decimalsOf(currency), "--amount"),
      dueDate: parseDate(args.due, "--due"),
      invoiceHash: invoiceHashOf(args.invoice),
      documentUri: args.documentUri,
      documentHash: args.documentHash === "" ? ZeroHash : args.documentHash,
    };
    if (!/^0x[0-9a-fA-F]{64}$/.test(a.documentHash)) {
      throw new InputError(`--document-hash: "${args.documentHash}" is not a 32-byte hash (0x + 64 hex digits)`);
    }
    const creditor = payable ? counterparty : from;
    const debtor = payable ? from : counterparty;

    if (!(await r.contract.isCurrencyApproved(a.currency))) {
      throw new InputError(`--currency: ${rt.label(a.currency)} is not an approved currency`);
    }
    const now = BigInt((await rt.ethers.provider.getBlock("latest"))!.timestamp);
    if (a.dueDate <= now) {
      throw new InputError(`--due: ${args.due} is not in the future (chain time ${formatDate(now)})`);
    }
    const [maxTenor] = await r.contract.params();
    if (a.dueDate > now + maxTenor) {
      throw new InputError(`--due: ${args.due} is beyond the maximum tenor (latest ${formatDate(now + maxTenor)})`);
    }
    if (creditor.toLowerCase() === debtor.toLowerCase()) {
      throw new InputError(`creditor and debtor are the same wallet ${rt.label(creditor)}`);
    }
    await requireEligible(rt, from, "--from");
    await requireEligible(rt, counterparty, payable ? "--creditor" : "--debtor");
    if (!(await rt.suite.registry.contract.hasKind(debtor, Kinds.CORE_ENTERPRISE | Kinds.SME))) {
      throw new InputError(
        `${payable ? "--from" : "--debtor"}: ${rt.label(debtor)} is not a core enterprise or SME and cannot owe a receivable`,
      );
    }
    const rootId = await r.fingerprint(args.invoice, creditor, debtor);
    if (await r.isFingerprintUsed(rootId)) {
      throw new InputError(
        `--invoice: invoice "${args.invoice}" between these parties is already receivable ${formatRootId(rootId)} (no double financing)`,
      );
    }

    const c = rt.as(signer).receivables.contract;
    const fn = payable ? c.issuePayable : c.issue;
    const call = [counterparty, a.currency, a.face, a.dueDate, a.invoiceHash, a.documentUri, a.documentHash] as const;
    const what = payable
      ? `issue payable ${await r.format(a.face, a.currency)} to ${rt.label(creditor)}, due ${formatDate(a.dueDate)}`
      : `issue receivable ${await r.format(a.face, a.currency)} against ${rt.label(debtor)}, due ${formatDate(a.dueDate)}`;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => fn.staticCall(...call, o),
      estimateGas: () => fn.estimateGas(...call, o),
      send: () => fn(...call, o),
    }));
    rt.log(`  receivable id ${formatRootId(rootId)} (invoice "${args.invoice}")`);
    if (tx !== undefined) await printReceivable(rt, rootId);
    return { hash: tx?.hash, rootId };
  });
}
