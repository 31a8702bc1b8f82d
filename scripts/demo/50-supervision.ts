import { NonceManager } from "ethers";

import { explainError } from "../../src/errors.js";
import { parseReason } from "../../src/units.js";
import type { Chapter } from "./context.js";
import { Ledger } from "./money.js";

const ORDER = "(2027) Hu 0104 Xing Dong No. 12"; // a court order reference (<= 31 bytes)

const chapter: Chapter = {
  title: "Supervision: the regulator freezes a wallet suite-wide, then lifts the freeze",
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
  },
};

export default chapter;
