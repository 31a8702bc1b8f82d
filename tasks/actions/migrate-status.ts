import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  MARKET_SUCCESSOR_ID,
  SUCCESSOR_ID,
  marketPair,
  migrationPair,
  printMarketPlan,
  printPlan,
  readMarketPlan,
  readPlan,
  successorOf,
} from "../lib/migration.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  successor: string;
  marketSuccessor: string;
}

/** Prints the receivable token's migration and the market's, whichever has a successor. */
export default async function migrateStatus(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const token = successorOf(rt, args.successor, "successor", SUCCESSOR_ID);
    const market = successorOf(rt, args.marketSuccessor, "market-successor", MARKET_SUCCESSOR_ID);
    if (token === undefined && market === undefined) {
      throw new InputError(
        `no successor: give --successor or --market-successor, or deploy ignition/modules/ReceivableSuccessor.ts or MarketSuccessor.ts into deployment "${args.deploymentId}"`,
      );
    }
    const out: { receivables?: unknown; market?: unknown } = {};
    if (token !== undefined) {
      const plan = await readPlan(rt, migrationPair(rt, args.successor), 50);
      printPlan(rt, plan);
      out.receivables = plan;
    }
    if (market !== undefined) {
      const plan = await readMarketPlan(
        rt,
        marketPair(rt, args.marketSuccessor, "market-successor"),
        50,
        "market-successor",
      );
      printMarketPlan(rt, plan);
      out.market = plan;
    }
    return out;
  });
}
