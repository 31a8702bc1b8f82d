import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import { SigningKey, Wallet, decodeRlp, getAddress } from "ethers";
import hre from "hardhat";

const BESU = "besu";
const genesis = JSON.parse(readFileSync(path.join(BESU, "genesis.json"), "utf8"));
const nodeNames = readdirSync(path.join(BESU, "nodes")).sort();
const keys = nodeNames.map((n) => readFileSync(path.join(BESU, "nodes", n, "key"), "utf8").trim());
const tomls = readdirSync(path.join(BESU, "config"))
  .filter((f) => f.endsWith(".toml"))
  .sort()
  .map((f) => ({ f, text: readFileSync(path.join(BESU, "config", f), "utf8") }));

/** The first block/time milestone at which each EVM version is live on Besu. */
const MILESTONE: Record<string, string> = {
  london: "londonBlock",
  paris: "londonBlock",
  shanghai: "shanghaiTime",
  cancun: "cancunTime",
  prague: "pragueTime",
  osaka: "osakaTime",
};

const tomlValue = (text: string, key: string) => new RegExp(`^${key}\\s*=\\s*(.+)$`, "m").exec(text)?.[1]?.trim();

describe("Besu network definition", () => {
  describe("genesis.json", () => {
    it("has the QBFT, free-gas and size settings", () => {
      const c = genesis.config;
      for (const k of [
        "chainId",
        "berlinBlock",
        "londonBlock",
        "shanghaiTime",
        "cancunTime",
        "zeroBaseFee",
        "contractSizeLimit",
        "qbft",
      ]) {
        expect(c, k).to.have.property(k);
      }
      expect(c.berlinBlock).to.equal(0);
      expect(c.londonBlock).to.equal(0);
      expect(c.zeroBaseFee).to.equal(true);
      expect(c.contractSizeLimit).to.be.greaterThan(24576);
      expect(c.qbft.blockperiodseconds).to.equal(2);
      expect(BigInt(genesis.gasLimit)).to.be.greaterThan(1_000_000_000n);
      expect(genesis.alloc, "no genesis-only contracts or balances").to.deep.equal({});
    });

    it("uses the chain id of the besu and besuSim networks", () => {
      expect(hre.config.networks.besu.chainId).to.equal(genesis.config.chainId);
      expect(hre.config.networks.besuSim.chainId).to.equal(genesis.config.chainId);
      expect(hre.config.networks.localhost.chainId).to.equal(genesis.config.chainId);
    });

    it("enables the EVM version every build profile compiles for, from genesis", () => {
      const profiles = hre.config.solidity.profiles;
      for (const [name, profile] of Object.entries(profiles)) {
        for (const compiler of profile.compilers) {
          const evm = (compiler.settings as { evmVersion?: string }).evmVersion;
          expect(evm, `${name} sets evmVersion`).to.be.a("string");
          const milestone = MILESTONE[evm!];
          expect(milestone, `${name}: ${evm} is a known milestone`).to.be.a("string");
          expect(genesis.config[milestone], `${name}: ${evm} needs ${milestone}: 0`).to.equal(0);
        }
      }
      expect(hre.config.networks.besuSim.type === "edr-simulated" && hre.config.networks.besuSim.hardfork).to.equal(
        "cancun",
      );
    });

    it("extraData RLP-decodes to [vanity, the four validators, no votes, round 0, no seals]", () => {
      const [vanity, validators, votes, round, seals] = decodeRlp(genesis.extraData) as [
        string,
        string[],
        [],
        string,
        [],
      ];
      expect(vanity).to.equal("0x" + "00".repeat(32));
      expect(validators.map((v) => getAddress(v))).to.deep.equal(keys.map((k) => new Wallet(k).address));
      expect(validators).to.have.length(4);
      expect(votes).to.deep.equal([]);
      expect(round).to.equal("0x");
      expect(seals).to.deep.equal([]);
    });
  });

  describe("node configs", () => {
    it("every node sets min-gas-price=0, permissions files and metrics", () => {
      expect(tomls).to.have.length(4);
      for (const { f, text } of tomls) {
        expect(tomlValue(text, "min-gas-price"), f).to.equal("0");
        expect(tomlValue(text, "permissions-accounts-config-file-enabled"), f).to.equal("true");
        expect(tomlValue(text, "permissions-nodes-config-file-enabled"), f).to.equal("true");
        expect(tomlValue(text, "permissions-config-file"), f).to.equal('"/besu/permissions_config.toml"');
        expect(tomlValue(text, "metrics-enabled"), f).to.equal("true");
        expect(tomlValue(text, "rpc-http-api"), f).to.contain('"QBFT"');
        expect(tomlValue(text, "host-allowlist"), f).to.not.contain('"*"');
      }
    });

    it("bootnode and nodes allowlist are the validators' enodes", () => {
      const enodes = keys.map((k, i) => {
        const pub = SigningKey.computePublicKey(k, false).slice(4);
        const host = tomlValue(tomls[i].text, "p2p-host")!.replaceAll('"', "");
        return `enode://${pub}@${host}:30303`;
      });
      for (const { text } of tomls) expect(tomlValue(text, "bootnodes")).to.equal(`["${enodes[0]}"]`);
      const perms = readFileSync(path.join(BESU, "permissions_config.toml"), "utf8");
      for (const e of enodes) expect(perms).to.contain(`"${e}"`);
    });

    it("docker-compose pins the official image at >= 26.7.1", () => {
      const compose = readFileSync(path.join(BESU, "docker-compose.yml"), "utf8");
      const tags = [...compose.matchAll(/image:\s*hyperledger\/besu:(\d+)\.(\d+)\.(\d+)/g)];
      expect(tags).to.have.length(4);
      for (const [, a, b, c] of tags) {
        const v = Number(a) * 1e6 + Number(b) * 1e3 + Number(c);
        expect(v).to.be.at.least(26_007_001);
      }
    });
  });
});
