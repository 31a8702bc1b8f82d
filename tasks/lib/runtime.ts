import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { HardhatPluginError } from "hardhat/plugins";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { ContractTransactionResponse, Signer } from "ethers";

import { connect, type Suite } from "../../src/index.js";
import { explainError } from "../../src/errors.js";
import { freeGasOverrides } from "../../src/fees.js";
import { Roles, type RoleName } from "../../src/roles.js";
import { UnitError } from "../../src/units.js";
import { participantId } from "../../src/areas/registry.js";
import { AddressBook } from "./addressbook.js";

/** Options every suite task takes (see `common()` in tasks/lib/options.ts). */
export interface CommonArgs {
  deploymentId: string;
  addressBook: string;
  from: string;
  dryRun: boolean;
}

/** A task failure with a readable message (printed without a stack trace). */
export class TaskError extends HardhatPluginError {
  constructor(message: string) {
    super("scf-suite", message);
  }
}

const NOT_SENT = "no transaction sent";

/** Runs `fn`; converts input errors (UnitError, bad names) into TaskErrors that say nothing was sent. */
export async function validated<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof TaskError) throw e;
    if (e instanceof UnitError || e instanceof InputError) throw new TaskError(`${e.message}; ${NOT_SENT}`);
    throw e;
  }
}

/** Bad input detected before anything was sent. */
export class InputError extends Error {}

/** The deployment's addresses: ignition/deployments/<id>/deployed_addresses.json. */
export function deploymentAddresses(deploymentId: string): Record<string, string> {
  const base = process.env.SCF_DEPLOYMENTS_DIR ?? path.join("ignition", "deployments");
  const file = path.join(base, deploymentId, "deployed_addresses.json");
  if (!existsSync(file)) {
    throw new TaskError(
      `deployment "${deploymentId}" not found (${file}); deploy with --deployment-id ${deploymentId} or pass --deployment-id`,
    );
  }
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
}

/** What a task action works with: the network, the suite, the address book, printing. */
export interface Runtime {
  hre: HardhatRuntimeEnvironment;
  ethers: Awaited<ReturnType<HardhatRuntimeEnvironment["network"]["getOrCreate"]>>["ethers"];
  networkName: string;
  book: AddressBook;
  /** The suite read through the provider. */
  suite: Suite;
  args: CommonArgs;
  log: (line?: string) => void;
  /** The suite as `signer`. */
  as(signer: Signer): Suite;
  /** An address from a name of the address book or a 0x address. */
  address(nameOrAddress: string, field: string): string;
  /** A participant id from a book name (its `code`), a credit code / LEI, or a 0x id. */
  participant(nameOrCode: string, field?: string): { id: string; label: string };
  /** The signer that will act: `--from`, else the first configured account holding `role`. */
  signerFor(role: RoleName): Promise<Signer>;
  /** Simulates, then (unless --dry-run) sends and waits; decoded errors; prints the hash. */
  send(label: string, build: (o: { gasPrice?: bigint }) => SendPlan): Promise<ContractTransactionResponse | undefined>;
  /** `name (0x…)` or the address. */
  label(address: string): string;
}

/** One contract call: its simulation, gas estimate and actual send. */
export interface SendPlan {
  staticCall: () => Promise<unknown>;
  estimateGas: () => Promise<bigint>;
  send: () => Promise<ContractTransactionResponse>;
}

export async function openRuntime(args: CommonArgs, hre: HardhatRuntimeEnvironment): Promise<Runtime> {
  const { ethers, networkName } = await hre.network.getOrCreate();
  const book = AddressBook.load(args.addressBook);
  const addresses = deploymentAddresses(args.deploymentId);
  const nameOf = (a: string) => book.nameOf(a);
  let suite: Suite;
  try {
    suite = connect(addresses, ethers.provider, { nameOf });
  } catch (e) {
    throw new TaskError(`deployment "${args.deploymentId}": ${(e as Error).message}`);
  }
  const code = await ethers.provider.getCode(suite.addresses.registry);
  if (code === "0x") {
    throw new TaskError(
      `deployment "${args.deploymentId}" has no registry at ${suite.addresses.registry} on network ${networkName}; wrong --deployment-id or --network?`,
    );
  }
  const log = (line = "") => console.log(line);
  const label = (a: string) => {
    const n = book.nameOf(a);
    return n === undefined ? a : `${n} (${a})`;
  };

  const rt: Runtime = {
    hre,
    ethers,
    networkName,
    book,
    suite,
    args,
    log,
    label,
    as: (signer) => connect(addresses, signer, { nameOf }),
    address: (x, field) => {
      const a = book.resolve(x);
      if (a === undefined) {
        throw new InputError(`${field}: "${x}" is neither a 0x address nor a name in the address book ${book.file}`);
      }
      return a;
    },
    participant: (x, field = "participant") => {
      const entry = book.entry(x);
      if (entry?.code !== undefined) return { id: participantId(entry.code), label: `${entry.name} (${entry.code})` };
      if (entry !== undefined) {
        throw new InputError(`${field}: "${x}" has no "code" (credit code / LEI) in the address book ${book.file}`);
      }
      if (/^0x[0-9a-fA-F]{40}$/.test(x)) {
        throw new InputError(`${field}: "${x}" is a wallet address; give the participant's name, code or id`);
      }
      return { id: participantId(x), label: x };
    },
    async signerFor(role) {
      const signers = await ethers.getSigners();
      if (args.from !== "") {
        const want = rt.address(args.from, "--from");
        const s = signers.find((x) => x.address.toLowerCase() === want.toLowerCase());
        if (s === undefined) {
          throw new InputError(`--from: ${label(want)} is not an account configured for network ${networkName}`);
        }
        const [isMember] = await suite.manager.contract.hasRole(Roles[role], s.address);
        if (!isMember) throw new InputError(`--from: ${label(s.address)} does not hold role ${role}`);
        return s;
      }
      for (const s of signers.slice(0, 32)) {
        const [isMember] = await suite.manager.contract.hasRole(Roles[role], s.address);
        if (isMember) return s;
      }
      throw new InputError(
        `none of the accounts configured for network ${networkName} holds role ${role}; configure its key or pass --from`,
      );
    },
    async send(labelText, build) {
      const plan = build(await freeGasOverrides(ethers.provider));
      let gas: bigint;
      try {
        await plan.staticCall();
        gas = await plan.estimateGas();
      } catch (e) {
        throw new TaskError(`${labelText} would fail: ${explainError(e, nameOf)}; ${NOT_SENT}`);
      }
      if (args.dryRun) {
        log(`dry run: ${labelText} would succeed (gas ${gas}); ${NOT_SENT}`);
        return undefined;
      }
      let tx: ContractTransactionResponse;
      try {
        tx = await plan.send();
      } catch (e) {
        throw new TaskError(`${labelText} failed: ${explainError(e, nameOf)}`);
      }
      log(`${labelText}: tx ${tx.hash}`);
      const receipt = await tx.wait();
      if (receipt === null || receipt.status !== 1) throw new TaskError(`${labelText}: tx ${tx.hash} reverted`);
      log(`  mined in block ${receipt.blockNumber} (gas used ${receipt.gasUsed}, gas price ${receipt.gasPrice})`);
      return tx;
    },
  };
  return rt;
}

/** Prints rows as an aligned text table. */
export function table(rows: Record<string, string>[], log: (l: string) => void = console.log): void {
  if (rows.length === 0) {
    log("(none)");
    return;
  }
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(width[i]))
      .join("  ")
      .trimEnd();
  log(line(cols));
  log(line(width.map((w) => "-".repeat(w))));
  for (const r of rows) log(line(cols.map((c) => r[c] ?? "")));
}
