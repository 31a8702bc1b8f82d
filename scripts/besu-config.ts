/**
 * Writes the example four-validator QBFT network under besu/ from DETERMINISTIC example keys
 * (keccak256 of a fixed label): genesis.json with the validators' RLP extraData, node keys,
 * node1..4.toml, permissions_config.toml and ignition/parameters/besu.json's example operators.
 * For local testing only: anyone can recompute these keys. A real network generates its own with
 * `besu operator generate-blockchain-config` (see besu/README.md).
 *
 *   node --import tsx scripts/besu-config.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { SigningKey, Wallet, encodeRlp, id, toBeHex } from "ethers";

import { CAST } from "./demo/cast.js";

const DIR = "besu";
const IMAGE = "hyperledger/besu:26.7.1";
const SUBNET = "172.16.239";
/** The example private key of `label` (public: keccak256 of a fixed text). */
export const exampleKey = (label: string) => id(`scf-suite besu example ${label}`);
const key = exampleKey;

export const validators = [1, 2, 3, 4].map((i) => {
  const pk = key(`validator ${i}`);
  const address = new Wallet(pk).address;
  const pub = SigningKey.computePublicKey(pk, false).slice(4); // 64 bytes, no 04 prefix
  const ip = `${SUBNET}.${10 + i}`;
  return { i, pk, address, pub, ip, enode: `enode://${pub}@${ip}:30303` };
});

/** QBFT extraData: RLP([32-byte vanity, [validators], [] votes, 0x round, [] seals]). */
export function qbftExtraData(addresses: string[]): string {
  return encodeRlp([toBeHex(0, 32), addresses, [], "0x", []]);
}

export const operators = [
  "deployer",
  "registrar",
  "settlementBank",
  "guardian",
  "regulator",
  "feeAdmin",
  "assetAdmin",
].map((role) => {
  const pk = key(`operator ${role}`);
  return { role, pk, address: new Wallet(pk).address };
});

/** The demo's cast on the example network: one example key per actor (`npm run demo -- --network besu`). */
export const demoCast = CAST.map(([short]) => {
  const pk = key(`demo ${short}`);
  return { short, pk, address: new Wallet(pk).address };
});

function write(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}

function main() {
  const genesis = {
    config: {
      chainId: 1337,
      berlinBlock: 0,
      londonBlock: 0,
      shanghaiTime: 0,
      cancunTime: 0,
      zeroBaseFee: true,
      contractSizeLimit: 2147483647,
      qbft: { blockperiodseconds: 2, epochlength: 30000, requesttimeoutseconds: 4 },
    },
    nonce: "0x0",
    timestamp: "0x0",
    gasLimit: "0x1fffffffffffff",
    difficulty: "0x1",
    mixHash: "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365",
    coinbase: "0x0000000000000000000000000000000000000000",
    extraData: qbftExtraData(validators.map((v) => v.address)),
    alloc: {},
  };
  write(path.join(DIR, "genesis.json"), JSON.stringify(genesis, null, 2) + "\n");

  for (const v of validators) {
    write(path.join(DIR, "nodes", `node${v.i}`, "key"), `${v.pk}\n`);
    write(path.join(DIR, "nodes", `node${v.i}`, "key.pub"), `0x${v.pub}\n`);
    write(
      path.join(DIR, "config", `node${v.i}.toml`),
      `# Validator node ${v.i} of the example QBFT network (docker-compose service node${v.i}).
data-path="/opt/besu/data"
genesis-file="/besu/genesis.json"
node-private-key-file="/besu/nodes/node${v.i}/key"

# Peering
p2p-host="${v.ip}"
p2p-port=30303
bootnodes=["${validators[0].enode}"]

# Free gas: every node must accept zero-priced transactions, or it silently drops them.
min-gas-price=0

# JSON-RPC
rpc-http-enabled=true
rpc-http-host="0.0.0.0"
rpc-http-port=8545
rpc-http-api=["ETH","NET","WEB3","QBFT","TXPOOL","PERM"]
host-allowlist=["localhost","127.0.0.1","node${v.i}"]
rpc-http-cors-origins=["http://localhost"]

# Metrics (Prometheus)
metrics-enabled=true
metrics-host="0.0.0.0"
metrics-port=9545

# Local permissioning (on-chain permissioning was removed in Besu 25.6): account and node
# allowlists, regenerated from the registry with \`npx hardhat besu allowlist\`.
permissions-accounts-config-file-enabled=true
permissions-nodes-config-file-enabled=true
permissions-config-file="/besu/permissions_config.toml"
`,
    );
  }

  write(
    path.join(DIR, "permissions_config.toml"),
    `# Example allowlists for the local network: the example operators, the demo's cast and the four
# validators. Regenerate from the registry's active wallets with \`npx hardhat besu allowlist\`.
accounts-allowlist=[${[...operators.map((o) => o.address), ...demoCast.map((a) => a.address)]
      .map((a) => `"${a.toLowerCase()}"`)
      .join(",")}]
nodes-allowlist=[${validators.map((v) => `"${v.enode}"`).join(",")}]
`,
  );

  const services = validators
    .map(
      (v) => `  node${v.i}:
    image: ${IMAGE}
    command: ["--config-file=/besu/config/node${v.i}.toml"]
    volumes:
      - ./:/besu:ro
      - node${v.i}-data:/opt/besu/data
    networks:
      qbft:
        ipv4_address: ${v.ip}
${v.i === 1 ? '    ports:\n      - "8545:8545"\n      - "9545:9545"\n' : ""}`,
    )
    .join("");
  write(
    path.join(DIR, "docker-compose.yml"),
    `# Four-validator QBFT network (chainId 1337, free gas, 2-second blocks) for local testing.
# Start: docker compose -f besu/docker-compose.yml up -d   (JSON-RPC on http://localhost:8545)
# Besu >= 26.7.1: earlier versions reject zero-cost transactions from zero-balance senders (#10751).
name: scf-besu
services:
${services}
volumes:
${validators.map((v) => `  node${v.i}-data: {}\n`).join("")}
networks:
  qbft:
    driver: bridge
    ipam:
      config:
        - subnet: ${SUBNET}.0/24
`,
  );

  const params = JSON.parse(readFileSync("ignition/parameters/besu.json", "utf8")) as Record<
    string,
    Record<string, string>
  >;
  params.$comment =
    "EXAMPLE operator addresses (deterministic local-test keys, see besu/README.md). Operators of a real network MUST replace every address below with their own before deploying." as never;
  for (const o of operators) if (o.role !== "deployer") params.Foundation[o.role] = o.address;
  write("ignition/parameters/besu.json", JSON.stringify(params, null, 2) + "\n");

  write(
    path.join(DIR, "member-nodes.example.json"),
    JSON.stringify(
      {
        $comment:
          "Nodes for the nodes allowlist: validators always; a member's nodes only while its participant is Active. Member names are address-book names.",
        validators: validators.map((v) => v.enode),
        members: { "core-enterprise": [`enode://${"ab".repeat(64)}@10.0.0.21:30303`] },
      },
      null,
      2,
    ) + "\n",
  );
  console.log("example operator keys (LOCAL TESTING ONLY):");
  for (const o of operators) console.log(`  ${o.role.padEnd(15)} ${o.address} ${o.pk}`);
  console.log("example demo cast keys (LOCAL TESTING ONLY):");
  for (const a of demoCast) console.log(`  ${a.short.padEnd(15)} ${a.address} ${a.pk}`);
}

if (process.argv[1]?.endsWith("besu-config.ts")) main();
