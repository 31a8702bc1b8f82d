import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import { ErrorFragment, id, Interface } from "ethers";
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  custom,
  defineChain,
  http,
  type Hex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { startNode, stopNode, type LocalNode } from "../../scripts/integration/nodes.js";
import { writeGenerated } from "../../scripts/lib/abi-ts.js";
import { BasisNames, ListingStatus, RecourseStatus } from "../../src/areas/market.js";
import { CustodyState, ProductPhase } from "../../src/areas/products.js";
import { ReceivableState, ReceivableStatus } from "../../src/areas/receivables.js";
import { BondState } from "../../src/areas/bonds.js";
import { Frequency } from "../../src/coupons.js";
import { Convention } from "../../src/daycount.js";
import { suiteErrorInterface } from "../../src/errors.js";
import { Ineligibility, Kinds, MODULE_KIND, Status } from "../../src/kinds.js";
import { Roles } from "../../src/roles.js";
import {
  AccessManagerAbi,
  consortiumClients,
  decodeSuiteError,
  ENUMS,
  errorsAbi,
  KINDS,
  ReceivableTokenAbi,
  ROLES,
  SettlementTokenAbi,
  zeroFees,
} from "../../src/viem.js";
import { connection, networkHelpers, receivablesWithSuppliers } from "../helpers/fixtures.js";
import { RECEIVABLE_PARAMS } from "../helpers/receivables.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { loadFixture } = networkHelpers;

/** Names of a TypeScript numeric enum, in value order. */
const enumNames = (e: Record<string, string | number>) => Object.keys(e).filter((k) => Number.isNaN(Number(k)));

describe("viem integration (scf-suite/viem, scf-suite/abis)", () => {
  describe("constants generated from the compiler output", () => {
    it("src/generated/ is deterministic (regenerating from the artifacts changes nothing)", () => {
      const before = readFileSync(path.join(ROOT, "src/generated/abis.ts"), "utf8");
      writeGenerated(ROOT);
      expect(readFileSync(path.join(ROOT, "src/generated/abis.ts"), "utf8")).to.equal(before);
    });

    it("KINDS equals src/kinds.ts (plus ALL and MODULE)", () => {
      const { ALL, MODULE, ...kinds } = KINDS;
      expect(kinds).to.deep.equal(Kinds);
      expect(MODULE).to.equal(MODULE_KIND);
      expect(ALL).to.equal(Object.values(Kinds).reduce((a, b) => a | b, 0));
    });

    it("ROLES equals src/roles.ts", () => {
      expect(ROLES).to.deep.equal(Roles);
    });

    it("each Solidity enum's members equal the SDK's mirror", () => {
      const mirrors: Record<string, readonly string[]> = {
        "IParticipantRegistry.Status": Status,
        "IParticipantRegistry.Ineligibility": Ineligibility,
        "IReceivableToken.Status": ReceivableStatus,
        "IReceivableToken.State": ReceivableState,
        "IFactoringMarket.ListingStatus": ListingStatus,
        "IFactoringMarket.RecourseStatus": RecourseStatus,
        DiscountBasis: BasisNames,
        "IBond.State": BondState,
        "IBond.Frequency": enumNames(Frequency),
        "DayCount.Convention": enumNames(Convention),
        "IRevenueProduct.Phase": ProductPhase,
        "IRevenueProduct.Custody": CustodyState,
      };
      for (const [name, members] of Object.entries(mirrors)) {
        expect(ENUMS[name as keyof typeof ENUMS], name).to.deep.equal(members);
      }
      // Enums without a mirror in the SDK (new ones appear here and need one, or a place below).
      const unmirrored = Object.keys(ENUMS).filter((n) => !(n in mirrors));
      expect(unmirrored).to.deep.equal(["IFactoringMarket.HoldKind"]);
    });

    it("constants.json and errors.json hold the same data", () => {
      const json = JSON.parse(readFileSync(path.join(ROOT, "src/generated/constants.json"), "utf8"));
      expect(json.Kinds).to.deep.equal(KINDS);
      expect(json.Enums).to.deep.equal(ENUMS);
      expect(Object.fromEntries(Object.entries(json.Roles).map(([k, v]) => [k, BigInt(v as number)]))).to.deep.equal(
        ROLES,
      );
      const errors = JSON.parse(readFileSync(path.join(ROOT, "src/generated/errors.json"), "utf8"));
      expect(errors.abi).to.deep.equal(errorsAbi);
    });
  });

  describe("errorsAbi", () => {
    it("is the SDK decoder's merged list (one error per selector), without the mocks' errors", () => {
      const published = new Interface(errorsAbi as never);
      const selectors = (i: Interface) => {
        const out = new Map<string, string>();
        i.forEachError((e: ErrorFragment) => out.set(e.selector, e.format("sighash")));
        return out;
      };
      const ours = selectors(published);
      expect(ours.size).to.equal(errorsAbi.length, "one error per selector");
      const sdk = selectors(suiteErrorInterface());
      for (const [s, sig] of ours) expect(sdk.get(s), sig).to.equal(sig);
      // Errors the SDK's decoder knows beyond errorsAbi are declared only by test doubles (contracts/mocks).
      const mockErrors = new Set<string>();
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) walk(p);
          else if (e.name.endsWith(".json") && !e.name.endsWith(".dbg.json"))
            selectors(new Interface(JSON.parse(readFileSync(p, "utf8")).abi)).forEach((_, s) => mockErrors.add(s));
        }
      };
      walk(path.join(ROOT, "artifacts/contracts/mocks"));
      for (const [s, sig] of sdk)
        if (!ours.has(s)) expect(mockErrors.has(s), `${sig} outside errorsAbi`).to.equal(true);
    });
  });

  describe("typed calls on Hardhat's chain (custom transport)", () => {
    it("reads ReceivableToken.params with inferred types; names an error raised by the cash token", async () => {
      const f = await loadFixture(receivablesWithSuppliers);
      const client = createPublicClient({ transport: custom(connection.provider), pollingInterval: 50 });
      const address = f.receivablesAddress as Hex;
      const params = await client.readContract({ address, abi: ReceivableTokenAbi, functionName: "params" });
      // Inferred from the ABI, no cast: readonly [maxTenor, gracePeriod, defaultPeriod, minFragmentValue, maxTier].
      const [maxTenor, gracePeriod, defaultPeriod, minFragmentValue, maxTier]: readonly bigint[] = params;
      expect({ maxTenor, gracePeriod, defaultPeriod, minFragmentValue, maxTier }).to.deep.equal(RECEIVABLE_PARAMS);

      // The core enterprise withdraws its approval, then repays: the cash token refuses inside
      // ReceivableToken.repay with ERC20InsufficientAllowance, which ReceivableTokenAbi does not declare.
      const cash = (await f.cash.getAddress()) as Hex;
      const due = BigInt(await networkHelpers.time.latest()) + 90n * 86400n;
      const invoiceHash = id("VIEM-INV-1") as Hex;
      const rootId = await client.readContract({
        address,
        abi: ReceivableTokenAbi,
        functionName: "rootIdOf",
        args: [invoiceHash, f.tier1.address as Hex, f.core.address as Hex],
      });
      const wallet = createWalletClient({
        transport: custom(connection.provider),
        account: f.core.address as Hex,
        pollingInterval: 50,
      });
      const issue = await wallet.writeContract({
        chain: null,
        address,
        abi: ReceivableTokenAbi,
        functionName: "issuePayable",
        args: [f.tier1.address as Hex, cash, 50_000n, due, invoiceHash, "ipfs://VIEM-INV-1", id("doc") as Hex],
      });
      await client.waitForTransactionReceipt({ hash: issue });
      await client.waitForTransactionReceipt({
        hash: await wallet.writeContract({
          chain: null,
          address: cash,
          abi: SettlementTokenAbi,
          functionName: "approve",
          args: [address, 0n],
        }),
      });
      let caught: unknown;
      try {
        await client.simulateContract({
          account: f.core.address as Hex,
          address,
          abi: ReceivableTokenAbi,
          functionName: "repay",
          args: [rootId, 50_000n],
        });
      } catch (e) {
        caught = e;
      }
      expect(caught).to.be.instanceOf(BaseError);
      const reverted = (caught as BaseError).walk((e) => e instanceof ContractFunctionRevertedError);
      expect((reverted as ContractFunctionRevertedError).data, "the caller's ABI cannot name it").to.equal(undefined);
      const decoded = decodeSuiteError(caught);
      expect(decoded?.errorName).to.equal("ERC20InsufficientAllowance");
      if (decoded?.errorName === "ERC20InsufficientAllowance") {
        // Narrowed by abitype: [spender, allowance, needed].
        const [spender, allowance, needed] = decoded.args;
        expect(spender.toLowerCase()).to.equal(address.toLowerCase());
        expect(allowance).to.equal(0n);
        expect(needed).to.equal(50_000n);
      }
    });

    it("rejects a nonexistent function name at compile time", () => {
      const client = createPublicClient({ transport: custom(connection.provider), pollingInterval: 50 });
      const read = () =>
        client.readContract({
          address: "0x0000000000000000000000000000000000000001",
          abi: ReceivableTokenAbi,
          // @ts-expect-error `paramz` is no function of ReceivableToken
          functionName: "paramz",
        });
      expect(read).to.be.a("function");
    });
  });

  describe("the free-gas chain on anvil (--base-fee 0 --gas-price 0)", function () {
    this.timeout(120_000);
    let node: LocalNode | undefined;
    before(async () => {
      node = await startNode("anvil");
    });
    after(async () => {
      if (node) await stopNode(node);
    });

    it("zeroFees leaves a caller's fees alone", () => {
      expect(zeroFees({})).to.deep.equal({ type: "legacy", gasPrice: 0n });
      expect(zeroFees({ type: "eip1559" })).to.deep.equal({
        type: "eip1559",
        maxFeePerGas: 0n,
        maxPriorityFeePerGas: 0n,
      });
      expect(zeroFees({ gasPrice: 5n })).to.deep.equal({ gasPrice: 5n });
    });

    it("plain viem refuses (1 gwei tip over a 0 fee cap); consortiumClients deploys and writes from a wallet holding no ether", async () => {
      const account = privateKeyToAccount(generatePrivateKey());
      const plain = defineChain({
        id: 1337,
        name: "anvil",
        nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
        rpcUrls: { default: { http: [node!.url] } },
      });
      const plainWallet = createWalletClient({ chain: plain, transport: http(node!.url), account });
      let refused = "";
      try {
        await plainWallet.sendTransaction({ to: account.address, value: 0n });
      } catch (e) {
        refused = (e as BaseError).shortMessage;
      }
      expect(refused).to.match(/tip .* cannot be higher than the fee cap/);

      const { publicClient, walletClient, chain } = consortiumClients({
        rpcUrl: node!.url,
        chainId: 1337,
        account,
        pollingInterval: 250,
      });
      expect(chain.id).to.equal(1337);
      const artifact = JSON.parse(
        readFileSync(
          path.join(ROOT, "artifacts/@openzeppelin/contracts/access/manager/AccessManager.sol/AccessManager.json"),
          "utf8",
        ),
      ) as { bytecode: Hex };
      const deployHash = await walletClient.deployContract({
        abi: AccessManagerAbi,
        bytecode: artifact.bytecode,
        args: [account.address],
      });
      const deployed = await publicClient.waitForTransactionReceipt({ hash: deployHash });
      expect(deployed.status).to.equal("success");
      const manager = deployed.contractAddress!;
      const hash = await walletClient.writeContract({
        address: manager,
        abi: AccessManagerAbi,
        functionName: "labelRole",
        args: [ROLES.REGISTRAR, "REGISTRAR"],
      });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      expect(receipt.status).to.equal("success");
      expect(receipt.effectiveGasPrice).to.equal(0n);
      const tx = await publicClient.getTransaction({ hash });
      expect(tx.type).to.equal("legacy");
      expect(tx.gasPrice).to.equal(0n);
      const [isAdmin] = await publicClient.readContract({
        address: manager,
        abi: AccessManagerAbi,
        functionName: "hasRole",
        args: [ROLES.ADMIN, account.address],
      });
      expect(isAdmin).to.equal(true);
      expect(await publicClient.getBalance({ address: account.address })).to.equal(0n);

      // An EIP-1559 transaction when asked for: 0/0.
      const h1559 = await walletClient.sendTransaction({ to: account.address, value: 0n, type: "eip1559" });
      const t1559 = await publicClient.getTransaction({ hash: h1559 });
      expect([t1559.type, t1559.maxFeePerGas, t1559.maxPriorityFeePerGas]).to.deep.equal(["eip1559", 0n, 0n]);
    });
  });
});
