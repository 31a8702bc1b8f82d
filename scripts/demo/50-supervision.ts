import { NonceManager } from "ethers";

import { explainError } from "../../src/errors.js";
import { Roles } from "../../src/roles.js";
import { parseReason } from "../../src/units.js";
import type { Chapter } from "./context.js";
import { Ledger, canWarp, now } from "./money.js";

const ORDER = "(2027) Hu 0104 Xing Dong No. 12"; // a court order reference (<= 31 bytes)
const ENFORCEMENT = "(2027) Hu 0104 Zhi No. 88"; // an enforcement order: hand over cash

const chapter: Chapter = {
  title: "Supervision: a suite-wide freeze and its lifting; a forced transfer scheduled before it executes",
  async run(ctx) {
    const { suite, actors } = ctx;
    const { tier3, tier2, regulator } = actors;
    const registry = suite.registry.contract;
    const reg = registry.connect(regulator.signer);
    const ledger = await new Ledger(ctx, {
      "Wenzhou Fasteners": tier3.address,
      "Ningbo Castings": tier2.address,
    }).start();
    const payment = "10,000.00";

    if ((await registry.queryFilter(registry.filters.WalletUnfrozen(tier3.address))).length > 0) {
      ctx.log(`the freeze of ${tier3.name} was already imposed and lifted on this chain`);
      await forcedTransfer(ctx);
      return;
    }
    // 1. A court order: the regulator freezes tier-3's wallet in the registry (every module obeys it).
    if ((await suite.registry.eligibility(tier3.address)) !== "Frozen") {
      await ctx.settle([reg.freezeWallet(tier3.address, parseReason(ORDER, "orderRef"))]);
    }
    ctx.log(
      `${regulator.name} froze ${tier3.name}'s wallet under ${ORDER}: eligibility ${await suite.registry.eligibility(tier3.address)}`,
    );

    // 2. Tier-3 tries to pay its supplier: the settlement token refuses.
    try {
      await ctx.settle([ctx.as(tier3.signer).cash.transfer(tier2.address, payment)]);
      throw new Error("the transfer from a frozen wallet went through");
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("the transfer from a frozen")) throw e;
      // The refused transaction was never sent: give its nonce back.
      if (tier3.signer instanceof NonceManager) tier3.signer.reset();
      const name = (a: string) => Object.values(actors).find((x) => x.address.toLowerCase() === a.toLowerCase())?.name;
      ctx.log(`${tier3.name} tried to pay ${payment} to ${tier2.name}: refused — ${explainError(e, name)}`);
    }

    // 3. The order is discharged: the regulator lifts the freeze and the payment goes through.
    await ctx.settle([reg.unfreezeWallet(tier3.address, parseReason(ORDER, "orderRef"))]);
    ctx.log(
      `${regulator.name} lifted the freeze: ${(await suite.registry.eligibility(tier3.address)) === "None" ? "eligible again" : "still ineligible"}`,
    );
    await ctx.settle([ctx.as(tier3.signer).cash.transfer(tier2.address, payment)]);
    await ledger.step(`${tier3.name} paid ${payment} to ${tier2.name}`);
    await forcedTransfer(ctx);
  },
};

/**
 * 4. An enforcement order: 5,000.00 of tier-3's cash goes to tier-2. A freeze is immediate, a
 * forced transfer is not: the regulator schedules it in the AccessManager (FORCED_TRANSFER has an
 * execution delay: 1 hour locally, 2 days on Besu), the holder and the auditors see it with its
 * ETA (`gov pending`), and it executes only after the delay. Re-runs pick up where it stands.
 */
async function forcedTransfer(ctx: Parameters<Chapter["run"]>[0]): Promise<void> {
  const { suite, actors } = ctx;
  const { tier3, tier2, regulator } = actors;
  const amount = "5,000.00";
  const cash = suite.cash.contract;
  const orderRef = parseReason(ENFORCEMENT, "orderRef");
  if ((await cash.queryFilter(cash.filters.ForcedTransfer(tier3.address, tier2.address))).length > 0) {
    ctx.log(`the forced transfer under ${ENFORCEMENT} was already executed on this chain`);
    return;
  }
  const manager = suite.manager.contract.connect(regulator.signer);
  const target = suite.addresses.cash;
  const data = cash.interface.encodeFunctionData("forcedTransfer", [
    tier3.address,
    tier2.address,
    suite.cash.parse(amount),
    orderRef,
  ]);
  const [, delay] = await suite.manager.contract.hasRole(Roles.FORCED_TRANSFER, regulator.address);
  const ledger = await new Ledger(ctx, {
    "Wenzhou Fasteners": tier3.address,
    "Ningbo Castings": tier2.address,
  }).start();
  if (delay === 0n) {
    await ctx.settle([
      ctx
        .as(regulator.signer)
        .cash.contract.forcedTransfer(tier3.address, tier2.address, suite.cash.parse(amount), orderRef),
    ]);
    await ledger.step(
      `${regulator.name} moved ${amount} from ${tier3.name} to ${tier2.name} under ${ENFORCEMENT} (no delay configured)`,
    );
    return;
  }
  const id = await suite.manager.contract.hashOperation(regulator.address, target, data);
  let op = (await suite.manager.scheduled()).find((o) => o.id === id);
  if (op === undefined) {
    await ctx.settle([manager.schedule(target, data, 0)]);
    op = (await suite.manager.scheduled()).find((o) => o.id === id)!;
  }
  ctx.log(`${regulator.name} scheduled under ${ENFORCEMENT}: ${op.description}`);
  ctx.log(
    `  operation ${op.id}, executable from ${new Date(Number(op.when) * 1000).toISOString()} (delay ${delay} s):`,
  );
  ctx.log(
    `  ${tier3.name} and the auditors see it coming (gov pending, OperationScheduled); a freeze needs no such wait`,
  );
  if ((await now(ctx)) < op.when && canWarp(ctx)) await ctx.conn.networkHelpers.time.increaseTo(op.when);
  if ((await now(ctx)) < op.when) {
    ctx.log(`(re-run after ${new Date(Number(op.when) * 1000).toISOString()} to execute it)`);
    return;
  }
  await ctx.settle([manager.execute(target, data)]);
  await ledger.step(`after the delay the regulator executed it: ${amount} moved from ${tier3.name} to ${tier2.name}`);
}

export default chapter;
