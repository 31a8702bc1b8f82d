import { formatDate } from "../../src/units.js";
import type { Chapter } from "./context.js";

/** Opening cash by actor (yuan). */
const OPENING_CASH: Record<string, string> = {
  core: "5,000,000.00",
  factor: "2,000,000.00",
  bank: "10,000,000.00",
  exchange: "100,000.00",
  investorA: "1,000,000.00",
  investorB: "500,000.00",
  investorC: "2,000,000.00",
};

const chapter: Chapter = {
  title: "Members: the registrar onboards the consortium, the settlement bank issues cash",
  async run(ctx) {
    const { suite, actors } = ctx;
    const registrar = ctx.as(ctx.ops.registrar);
    const now = (await ctx.conn.ethers.provider.getBlock("latest"))!.timestamp;
    const kycExpiry = formatDate(now + 2 * 365 * 86400 - ((now + 2 * 365 * 86400) % 86400));

    const toRegister = [];
    for (const a of Object.values(actors)) {
      if ((await suite.registry.participant(a.code)) === undefined) toRegister.push(a);
    }
    await ctx.settle(
      toRegister.map((a) =>
        registrar.registry.register({ code: a.code, kinds: a.kinds, kycExpiry, jurisdiction: "CN", wallet: a.address }),
      ),
    );
    ctx.log(`registered ${toRegister.length} participants (KYC valid until ${kycExpiry})`);

    const bank = ctx.as(ctx.ops.settlementBank);
    const mints = [];
    for (const [key, amount] of Object.entries(OPENING_CASH)) {
      const a = actors[key];
      if ((await suite.cash.balanceOf(a.address)) === 0n) mints.push(bank.cash.mint(a.address, amount));
    }
    await ctx.settle(mints);
    ctx.log(`the settlement bank minted opening balances for ${mints.length} members`);
    ctx.log();

    const rows = [];
    for (const a of Object.values(actors)) {
      const p = (await suite.registry.participant(a.code))!;
      rows.push({
        member: a.name,
        kinds: p.kinds.join("+"),
        wallet: `${a.address.slice(0, 10)}…`,
        status: p.status,
        "kyc until": p.kycExpiryIso,
        cash: suite.cash.format(await suite.cash.balanceOf(a.address)),
      });
    }
    ctx.table(rows);
    ctx.log(`total cash in circulation: ${suite.cash.format(await suite.cash.totalSupply())}`);
  },
};

export default chapter;
