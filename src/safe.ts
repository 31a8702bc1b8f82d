import { createRequire } from "node:module";

/**
 * The consortium's multisig: Safe (safe-global/safe-smart-account 1.5.0, the audited release),
 * deployed from the package's own compiled artifacts (no extra compiler profile). `SafeL2` emits
 * an event per executed transaction, which is what auditors and the indexer read on a private
 * chain without Safe's transaction service.
 */
export interface SafeArtifact {
  _format: string;
  contractName: string;
  sourceName: string;
  abi: unknown[];
  bytecode: string;
  deployedBytecode: string;
  linkReferences: Record<string, never>;
  deployedLinkReferences: Record<string, never>;
}

const require = createRequire(import.meta.url);
const ROOT = "@safe-global/safe-smart-account/build/artifacts/contracts";

/**
 * The package ships Hardhat 2 artifacts (`_format: "hh-sol-artifact-1"`). Ignition stores every
 * artifact it deploys in the deployment's folder and, on a later `ignition deploy` of the same
 * deployment (a resume, a re-run), refuses a Hardhat 2 one (HHE10002 "needs to migrate"). The
 * fields Ignition reads (abi, bytecode, link references) are the same in both formats, so the
 * artifacts are presented in Hardhat 3's format (CI's `resume` scenario re-runs such a deployment).
 */
function hh3(a: SafeArtifact): SafeArtifact {
  return { ...a, _format: "hh3-artifact-1" };
}

export const SAFE_ARTIFACTS = {
  SafeL2: hh3(require(`${ROOT}/SafeL2.sol/SafeL2.json`) as SafeArtifact),
  SafeProxyFactory: hh3(require(`${ROOT}/proxies/SafeProxyFactory.sol/SafeProxyFactory.json`) as SafeArtifact),
};
