import { InputError, table, type Runtime } from "./runtime.js";

/** Throws "<flag> is required" when an option was left empty. */
export function requireOption(value: string, flag: string): void {
  if (value.trim() === "") throw new InputError(`${flag} is required`);
}

/** Prints one participant's record as the registry now holds it. */
export async function printParticipant(rt: Runtime, id: string): Promise<void> {
  const p = await rt.suite.registry.participant(id);
  if (p === undefined) {
    rt.log(`participant ${id}: not registered`);
    return;
  }
  const balances = await Promise.all(p.wallets.map((w) => rt.suite.cash.balanceOf(w)));
  rt.log(`participant ${id}`);
  rt.log(
    `  status ${p.status}, kinds ${p.kinds.join("+")}, KYC until ${p.kycExpiryIso}, jurisdiction ${p.jurisdiction}`,
  );
  p.wallets.forEach((w, i) => rt.log(`  wallet ${rt.label(w)}: ${rt.suite.cash.format(balances[i])} cash`));
}

export { table };
