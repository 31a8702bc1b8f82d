import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { Signer } from "ethers";

import { describeCall, scheduledOperations, type ConsortiumFacade, type Proposal } from "../../src/areas/governance.js";
import { explainError } from "../../src/errors.js";
import { InputError, TaskError, type Runtime, type SendPlan } from "./runtime.js";

/**
 * A consortium proposal as it travels between the members: the Safe transaction, its hash, what it
 * does in words and, for a scheduled admin act, the call the AccessManager will execute later.
 * Stored in ignition/deployments/<id>/governance/<nonce>.json (share the folder, or the file, with
 * the other owners; the approvals themselves are on chain).
 */
export interface ProposalFile {
  nonce: string;
  hash: string;
  safe: string;
  description: string;
  tx: { to: string; data: string };
  /** Set when the proposal schedules an admin act: the act, and the consortium's delay in seconds. */
  scheduled?: { target: string; data: string; delay: string };
}

function dir(rt: Runtime): string {
  const base = process.env.SCF_DEPLOYMENTS_DIR ?? path.join("ignition", "deployments");
  return path.join(base, rt.args.deploymentId, "governance");
}

/** The consortium's Safe of the deployment, or a readable error. */
export function consortiumOf(rt: Runtime, signer?: Signer): ConsortiumFacade {
  const suite = signer === undefined ? rt.suite : rt.as(signer);
  if (suite.consortium === undefined) {
    throw new InputError(`deployment "${rt.args.deploymentId}" has no consortium multisig (Consortium#Safe)`);
  }
  return suite.consortium;
}

/** Every stored proposal of the deployment, by nonce. */
export function storedProposals(rt: Runtime): ProposalFile[] {
  const d = dir(rt);
  if (!existsSync(d)) return [];
  return readdirSync(d)
    .filter((f) => /^\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(path.join(d, f), "utf8")) as ProposalFile)
    .sort((a, b) => Number(BigInt(a.nonce) - BigInt(b.nonce)));
}

/** The stored proposal `nonce`, re-hashed on chain (a file edited after its approvals is refused). */
export async function loadProposal(rt: Runtime, nonce: string): Promise<{ file: ProposalFile; proposal: Proposal }> {
  if (!/^\d+$/.test(nonce)) throw new InputError(`--nonce: "${nonce}" is not a proposal number`);
  const f = path.join(dir(rt), `${nonce}.json`);
  if (!existsSync(f)) throw new InputError(`--nonce: no proposal ${nonce} in ${dir(rt)} (see gov pending)`);
  const file = JSON.parse(readFileSync(f, "utf8")) as ProposalFile;
  const proposal = await consortiumOf(rt).proposal(file.tx.to, file.tx.data, BigInt(file.nonce));
  if (proposal.hash !== file.hash) {
    throw new InputError(`proposal ${nonce}: ${f} does not match its hash ${file.hash} (edited?)`);
  }
  return { file, proposal };
}

/**
 * The owner who acts: `--from` (must be an owner), else the first configured account that is an
 * owner and, when `notApproved` is given, has not approved that hash yet.
 */
export async function ownerSigner(rt: Runtime, notApproved?: string): Promise<Signer & { address: string }> {
  const consortium = consortiumOf(rt);
  const owners = (await consortium.owners()).map((o) => o.toLowerCase());
  const approved =
    notApproved === undefined ? [] : (await consortium.approvals(notApproved)).map((o) => o.toLowerCase());
  const signers = await rt.ethers.getSigners();
  if (rt.args.from !== "") {
    const want = rt.address(rt.args.from, "--from").toLowerCase();
    const s = signers.find((x) => x.address.toLowerCase() === want);
    if (s === undefined)
      throw new InputError(`--from: ${rt.label(want)} is not an account configured for network ${rt.networkName}`);
    if (!owners.includes(want))
      throw new InputError(`--from: ${rt.label(s.address)} is not an owner of the consortium multisig`);
    return s;
  }
  const s = signers
    .slice(0, 32)
    .find((x) => owners.includes(x.address.toLowerCase()) && !approved.includes(x.address.toLowerCase()));
  if (s === undefined) {
    throw new InputError(
      `none of the accounts configured for network ${rt.networkName} is an owner of the consortium multisig${notApproved === undefined ? "" : " that has not approved yet"}; configure an owner's key or pass --from`,
    );
  }
  return s;
}

async function printApprovals(rt: Runtime, hash: string, nonce: string): Promise<void> {
  const consortium = consortiumOf(rt);
  const [approvals, threshold] = await Promise.all([consortium.approvals(hash), consortium.threshold()]);
  rt.log(`  approvals ${approvals.length} of ${threshold}: ${approvals.map((a) => rt.label(a)).join(", ") || "none"}`);
  if (BigInt(approvals.length) + 1n >= threshold) rt.log(`  next: gov execute --nonce ${nonce} (by an owner)`);
  else rt.log(`  next: gov approve --nonce ${nonce} --from <another owner>`);
}

/**
 * Proposes a call by the consortium's Safe, stores the proposal and approves it as the proposing
 * owner. With `admin` (an act as ADMIN) the call is routed through the AccessManager: at once when
 * the consortium's delay is 0, else scheduled now and executed after the delay.
 */
export async function propose(
  rt: Runtime,
  what: { target: string; data: string; admin: boolean; description?: string; nonce?: bigint },
): Promise<ProposalFile | undefined> {
  const consortium = consortiumOf(rt);
  const description = what.description ?? describeCall(rt.suite.addresses, what.target, what.data);
  let step: { to: string; data: string; scheduled: boolean; delay: bigint };
  try {
    step = what.admin
      ? await consortium.adminStep(what.target, what.data)
      : { to: what.target, data: what.data, scheduled: false, delay: 0n };
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const current = await consortium.nonce();
  const pending = storedProposals(rt).filter((p) => BigInt(p.nonce) >= current);
  if (what.nonce !== undefined && what.nonce < current) {
    throw new InputError(`proposal ${what.nonce} is already executed or replaced (the Safe is at nonce ${current})`);
  }
  const nonce = what.nonce ?? pending.reduce((n, p) => (BigInt(p.nonce) >= n ? BigInt(p.nonce) + 1n : n), current);
  const proposal = await consortium.proposal(step.to, step.data, nonce);
  const owner = await ownerSigner(rt);
  // Simulated as the Safe itself would run it, before anything is stored or sent.
  try {
    await rt.ethers.provider.call({ from: consortium.address, to: step.to, data: step.data });
  } catch (e) {
    throw new TaskError(
      `${description} would fail as the consortium: ${explainError(e, (a) => rt.book.nameOf(a))}; no transaction sent`,
    );
  }
  const file: ProposalFile = {
    nonce: nonce.toString(),
    hash: proposal.hash,
    safe: consortium.address,
    description: step.scheduled ? `schedule ${description}` : description,
    tx: { to: step.to, data: step.data },
    ...(step.scheduled ? { scheduled: { target: what.target, data: what.data, delay: step.delay.toString() } } : {}),
  };
  rt.log(`proposal ${file.nonce}: ${file.description}`);
  rt.log(`  safe tx hash ${file.hash}`);
  if (step.scheduled) rt.log(`  scheduled in the AccessManager for ${step.delay} s before it can be executed`);
  if (rt.args.dryRun) {
    rt.log("dry run: proposal not stored; no transaction sent");
    return undefined;
  }
  mkdirSync(dir(rt), { recursive: true });
  const f = path.join(dir(rt), `${file.nonce}.json`);
  writeFileSync(f, JSON.stringify(file, null, 2) + "\n");
  rt.log(`  stored in ${f}: share it with the other owners`);
  const plan = await consortiumOf(rt, owner).approvePlan(proposal.hash);
  await rt.send(`approve proposal ${file.nonce} as ${rt.label(owner.address)}`, () => plan);
  await printApprovals(rt, proposal.hash, file.nonce);
  return file;
}

/** Approves a stored proposal as an owner that has not approved it yet. */
export async function approve(rt: Runtime, nonce: string): Promise<string | undefined> {
  const { file, proposal } = await loadProposal(rt, nonce);
  await requireOpen(rt, proposal);
  const owner = await ownerSigner(rt, proposal.hash);
  if ((await consortiumOf(rt).approvals(proposal.hash)).some((a) => a.toLowerCase() === owner.address.toLowerCase())) {
    throw new InputError(`${rt.label(owner.address)} already approved proposal ${nonce}`);
  }
  rt.log(`proposal ${nonce}: ${file.description}`);
  const plan = await consortiumOf(rt, owner).approvePlan(proposal.hash);
  const tx = await rt.send(`approve proposal ${nonce} as ${rt.label(owner.address)}`, () => plan);
  if (tx !== undefined) await printApprovals(rt, proposal.hash, nonce);
  return tx?.hash;
}

async function requireOpen(rt: Runtime, proposal: Proposal): Promise<void> {
  const current = await consortiumOf(rt).nonce();
  if (proposal.tx.nonce < current) {
    throw new InputError(
      `proposal ${proposal.tx.nonce} is already executed or replaced (the Safe is at nonce ${current})`,
    );
  }
}

/** Executes a stored proposal once it has its approvals (the executing owner counts as one). */
export async function execute(rt: Runtime, nonce: string): Promise<string | undefined> {
  const { file, proposal } = await loadProposal(rt, nonce);
  await requireOpen(rt, proposal);
  const owner = await ownerSigner(rt);
  let plan;
  try {
    plan = await consortiumOf(rt, owner).executePlan(proposal, owner.address);
  } catch (e) {
    throw new InputError((e as Error).message.replace(/^consortium: /, ""));
  }
  rt.log(`proposal ${nonce}: ${file.description}`);
  const tx = await rt.send(`execute proposal ${nonce} as ${rt.label(owner.address)}`, () => plan);
  if (tx !== undefined && file.scheduled !== undefined) {
    const id = await rt.suite.manager.contract.hashOperation(file.safe, file.scheduled.target, file.scheduled.data);
    const when = await rt.suite.manager.contract.getSchedule(id);
    rt.log(`  scheduled operation ${id}`);
    rt.log(`  executable from ${new Date(Number(when) * 1000).toISOString()}; then: gov propose --execute ${id}`);
  }
  return tx?.hash;
}

/**
 * Runs an operator's restricted call, honouring its execution delay: at once when it has none;
 * else the first run schedules it in the AccessManager (printing the operation and its ETA), a run
 * before the ETA is refused with the time, and a run from the ETA on executes it. So the same
 * command, repeated after the delay, completes the act.
 */
export async function actAsRole(
  rt: Runtime,
  signer: Signer,
  target: string,
  data: string,
  label: string,
  direct: (o: { gasPrice?: bigint }) => SendPlan,
): Promise<{ hash?: string; executed: boolean }> {
  const m = rt.as(signer).manager.contract;
  const caller = await signer.getAddress();
  const [immediate, delay] = await m.canCall(caller, target, data.slice(0, 10));
  if (immediate || delay === 0n) {
    const tx = await rt.send(label, direct);
    return { hash: tx?.hash, executed: tx !== undefined };
  }
  const id = await m.hashOperation(caller, target, data);
  const when = await m.getSchedule(id);
  const now = BigInt((await rt.ethers.provider.getBlock("latest"))!.timestamp);
  const iso = (t: bigint) => new Date(Number(t) * 1000).toISOString();
  if (when === 0n) {
    const tx = await rt.send(`schedule ${label} (execution delay ${delay} s)`, (o) => ({
      staticCall: () => m.schedule.staticCall(target, data, 0, o),
      estimateGas: () => m.schedule.estimateGas(target, data, 0, o),
      send: () => m.schedule(target, data, 0, o),
    }));
    if (tx !== undefined) {
      const eta = await m.getSchedule(id);
      rt.log(`  scheduled operation ${id}: executable from ${iso(eta)}; run the same command again then`);
    }
    return { hash: tx?.hash, executed: false };
  }
  if (when > now) {
    throw new InputError(
      `${label} is scheduled (operation ${id}) and executable from ${iso(when)}, ${when - now} s from now`,
    );
  }
  const tx = await rt.send(`execute ${label} (scheduled operation ${id})`, (o) => ({
    staticCall: () => m.execute.staticCall(target, data, o),
    estimateGas: () => m.execute.estimateGas(target, data, o),
    send: () => m.execute(target, data, o),
  }));
  return { hash: tx?.hash, executed: tx !== undefined };
}

/** A scheduled operation by id, or a readable error. */
export async function operation(rt: Runtime, id: string, field: string) {
  if (!/^0x[0-9a-fA-F]{64}$/.test(id)) throw new InputError(`${field}: "${id}" is not an operation id (0x + 64 hex)`);
  const op = (await scheduledOperations(rt.suite.manager.contract, rt.suite.addresses)).find(
    (o) => o.id.toLowerCase() === id.toLowerCase(),
  );
  if (op === undefined)
    throw new InputError(
      `${field}: no pending scheduled operation ${id} (executed, cancelled, expired or unknown; see gov pending)`,
    );
  return op;
}
