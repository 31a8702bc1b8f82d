import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";
import { definePlugin } from "hardhat/plugins";

import { suiteTasks } from "./tasks/index.js";

/**
 * The compiler is the npm `solc` package (solcjs) at one pinned version, so builds need no
 * download and are reproducible on an air-gapped machine. `evmVersion` is set in every profile:
 * solcjs 0.8.37 would otherwise target osaka, which the Besu genesis (cancunTime: 0) does not run.
 */
const SOLC_VERSION = "0.8.37";
const solcjs = createRequire(import.meta.url).resolve("solc/soljson.js");
const EVM_VERSION = "cancun";

/**
 * After every successful build, `src/generated/` (typed `as const` ABIs, the errors ABI, Kinds,
 * Roles and enum names) is written from the artifacts: scripts/lib/abi-ts.ts.
 */
const abiTs = definePlugin({
  id: "scf-abi-ts",
  hookHandlers: { solidity: () => import("./scripts/lib/abi-ts-hook.js") },
});

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers, abiTs],
  solidity: {
    // OpenZeppelin's AccessManager is deployed as is; build its artifact from the package.
    npmFilesToBuild: ["@openzeppelin/contracts/access/manager/AccessManager.sol"],
    profiles: {
      // Tests and coverage. The optimizer is on here too (fewer runs) so contracts stay under
      // the 24 KiB limit on the simulated chain exactly as they do in production.
      default: {
        version: SOLC_VERSION,
        path: solcjs,
        settings: { evmVersion: EVM_VERSION, optimizer: { enabled: true, runs: 200 } },
      },
      // What Ignition deploys and what the benchmark measures. Same compiler input as `default`
      // and not isolated, so one solcjs compile serves both profiles from Hardhat's build cache.
      production: {
        version: SOLC_VERSION,
        path: solcjs,
        isolated: false,
        settings: { evmVersion: EVM_VERSION, optimizer: { enabled: true, runs: 200 } },
      },
    },
  },
  paths: { tests: { mocha: "test", solidity: "test" } },
  test: {
    solidity: {
      fuzz: { runs: 200 },
      invariant: { runs: 48, depth: 24, failOnRevert: false },
    },
  },
  typechain: { outDir: "types/ethers-contracts" },
  ignition: { requiredConfirmations: 1 },
  networks: {
    // Hardhat's in-process simulated chain (the default network).
    default: { type: "edr-simulated", chainType: "l1", hardfork: "cancun" },
    // A local free-gas node imitating Besu (`npm run chain` or `npm run chain:anvil`). LOCAL_RPC_URL
    // points it at another port (the integration tests start nodes on free ports).
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.LOCAL_RPC_URL ?? "http://127.0.0.1:8545",
      chainId: 1337,
      gasPrice: 0,
    },
    // Settings of the Besu genesis reproduced on Hardhat's node: chainId 1337, zero base fee,
    // zero gas price, cancun, 2-second interval mining, and accounts that hold no ether (a Besu
    // genesis needs no alloc: every transaction is free), so whatever runs here runs from
    // zero-balance accounts.
    besuSim: {
      type: "edr-simulated",
      chainType: "l1",
      chainId: 1337,
      hardfork: "cancun",
      initialBaseFeePerGas: 0,
      gasPrice: 0,
      blockGasLimit: 1_000_000_000n,
      mining: { auto: false, interval: 2000 },
      accounts: { mnemonic: "test test test test test test test test test test test junk", accountsBalance: 0n },
    },
    // A Hyperledger Besu QBFT network (see besu/ and docs/besu.md).
    besu: {
      type: "http",
      chainType: "l1",
      url: configVariable("BESU_RPC_URL"),
      accounts: [configVariable("BESU_DEPLOYER_KEY")],
      chainId: Number(process.env.BESU_CHAIN_ID ?? 1337),
      gasPrice: 0,
    },
  },
  tasks: suiteTasks,
});
