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

export const SAFE_ARTIFACTS = {
  SafeL2: require(`${ROOT}/SafeL2.sol/SafeL2.json`) as SafeArtifact,
  SafeProxyFactory: require(`${ROOT}/proxies/SafeProxyFactory.sol/SafeProxyFactory.json`) as SafeArtifact,
};
