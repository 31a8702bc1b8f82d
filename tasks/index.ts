import { besuTasks } from "./besu.js";
import { bondsTasks } from "./bonds.js";
import { cashTasks } from "./cash.js";
import { governanceTasks } from "./governance.js";
import { marketTasks } from "./market.js";
import { migrateTasks } from "./migrate.js";
import { participantsTasks } from "./participants.js";
import { productsTasks } from "./products.js";
import { receivablesTasks } from "./receivables.js";
import { rolesTasks } from "./roles.js";

/**
 * Every task of the suite. An area adds `tasks/<area>.ts` (its task definitions, lazily loading
 * `tasks/actions/<area>-<verb>.ts`) and one spread here; tasks/lib/ gives it the deployment,
 * address book, signer choice, simulation, error decoding and printing.
 */
export const suiteTasks = [
  ...participantsTasks,
  ...cashTasks,
  ...rolesTasks,
  ...governanceTasks,
  ...besuTasks,
  ...receivablesTasks,
  ...marketTasks,
  ...bondsTasks,
  ...productsTasks,
  ...migrateTasks,
];
