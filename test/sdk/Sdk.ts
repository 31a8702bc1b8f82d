import { expect } from "chai";
import { Wallet } from "ethers";
import { network } from "hardhat";

import {
  FreeGasWallet,
  cashTransfers,
  connect,
  decodeError,
  decodeErrorData,
  explainError,
  participantsRegistered,
  resolveAddresses,
  suiteErrorInterface,
  walletsAdded,
} from "../../src/index.js";
import { SettlementToken__factory } from "../../types/ethers-contracts/index.js";
import { deploySuiteForSdk, freeGas } from "../helpers/sdk.js";

/** An in-process chain with Besu's fee settings but automine, so wallets without ether can send. */
const conn = freeGas;
const { ethers, networkHelpers } = conn;

async function suiteFixture() {
  const { addresses, signers } = await deploySuiteForSdk();
  return { addresses, signers, registrar: signers[1], bank: signers[2] };
}

describe("SDK", () => {
  describe("connect", () => {
    it("accepts Ignition's deployed_addresses.json keys or plain keys, and names what is missing", () => {
      const a = "0x0000000000000000000000000000000000000001";
      expect(
        resolveAddresses({
          "Foundation#AccessManager": a,
          "Foundation#ParticipantRegistry": a,
          "Foundation#SettlementToken": a,
          "Receivables#ReceivableToken": a,
          "Bonds#BondFactory": a,
          "Products#ProductFactory": a,
          "Market#FactoringMarket": a,
        }),
      ).to.deep.equal({
        manager: a,
        registry: a,
        cash: a,
        receivables: a,
        bondFactory: a,
        productFactory: a,
        market: a,
      });
      expect(() =>
        resolveAddresses({ manager: a, registry: a, receivables: a, bondFactory: a, productFactory: a, market: a }),
      ).to.throw("deployment: no address for cash (Foundation#SettlementToken)");
      expect(() =>
        resolveAddresses({
          manager: a,
          registry: a,
          cash: "0x12",
          receivables: a,
          bondFactory: a,
          productFactory: a,
          market: a,
        }),
      ).to.throw("cash is not an address");
    });

    it("registers members and moves cash from wallets holding no ether at gasPrice 0", async () => {
      const f = await networkHelpers.loadFixture(suiteFixture);
      const registrar = connect(f.addresses, f.registrar);
      expect(await registrar.context.overrides()).to.deep.equal({ gasPrice: 0n });
      const payer = Wallet.createRandom(ethers.provider);
      const payee = Wallet.createRandom(ethers.provider);
      for (const [code, w] of [
        ["PAYER-1", payer],
        ["PAYEE-1", payee],
      ] as const) {
        await (
          await registrar.registry.register({
            code,
            kinds: ["SME"],
            kycExpiry: "2099-01-01",
            jurisdiction: "CN",
            wallet: w.address,
          })
        ).wait();
      }
      await (await connect(f.addresses, f.bank).cash.mint(payer.address, "100.00")).wait();
      const tx = await connect(f.addresses, payer).cash.transfer(payee.address, "40.25");
      // ethers turns gasPrice 0 into maxFee = maxPriorityFee = 0 where the provider reports EIP-1559 fees.
      expect(tx.gasPrice ?? tx.maxFeePerGas).to.equal(0n);
      const receipt = await tx.wait();
      expect(receipt?.gasPrice).to.equal(0n);
      const reader = connect(f.addresses, ethers.provider);
      expect(await reader.cash.balanceOf(payer.address)).to.equal(5975n);
      expect(await reader.cash.balanceOf(payee.address)).to.equal(4025n);
      expect(await ethers.provider.getBalance(payer.address)).to.equal(0n);

      const p = await reader.registry.participant("PAYER-1");
      expect(p?.status).to.equal("Active");
      expect(p?.jurisdiction).to.equal("CN");
      expect(p?.kycExpiryIso).to.equal("2099-01-01");
      expect(p?.wallets).to.deep.equal([payer.address]);
      expect((await reader.registry.list()).map((x) => x.wallets[0])).to.deep.equal([payer.address, payee.address]);
      expect(await reader.registry.eligibility(Wallet.createRandom().address)).to.equal("NotRegistered");

      // Typed event queries.
      const regs = await participantsRegistered(reader.registry.contract);
      expect(regs.map((r) => r.args.id)).to.deep.equal([ethers.id("PAYER-1"), ethers.id("PAYEE-1")]);
      expect(regs[0].name).to.equal("ParticipantRegistered");
      expect((await walletsAdded(reader.registry.contract, ethers.id("PAYEE-1")))[0].args.wallet).to.equal(
        payee.address,
      );
      const moves = await cashTransfers(reader.cash.contract, { from: payer.address }, { step: 2 });
      expect(moves).to.have.length(1);
      expect(moves[0].args.to).to.equal(payee.address);
      expect(moves[0].args.value).to.equal(4025n);
      expect(moves[0].transactionHash).to.equal(tx.hash);
    });

    it("FreeGasWallet sends raw binding calls at gasPrice 0 on a free-gas chain, at ethers' price elsewhere", async () => {
      const f = await networkHelpers.loadFixture(suiteFixture);
      const w = new FreeGasWallet(Wallet.createRandom().privateKey, ethers.provider);
      const cash = SettlementToken__factory.connect(f.addresses.cash, w);
      const tx = await cash.approve(f.addresses.receivables, 1_00n);
      // As above: gasPrice 0 becomes maxFee = maxPriorityFee = 0 where the provider reports EIP-1559 fees.
      expect(tx.gasPrice ?? tx.maxFeePerGas).to.equal(0n);
      expect((await tx.wait())?.status).to.equal(1);
      expect(await cash.allowance(w.address, f.addresses.receivables)).to.equal(1_00n);
      expect(await ethers.provider.getBalance(w.address)).to.equal(0n);
      // A fee the caller sets is kept.
      const populated = await w.populateTransaction({ to: w.address, gasPrice: 7n });
      expect(populated.gasPrice ?? populated.maxFeePerGas).to.equal(7n);
      // On a chain with a base fee (Hardhat's default network) ethers prices it.
      const l1 = await network.create();
      try {
        const priced = await new FreeGasWallet(w.privateKey, l1.ethers.provider).populateTransaction({ to: w.address });
        expect(priced.gasPrice ?? priced.maxFeePerGas).to.be.greaterThan(0n);
      } finally {
        await l1.close();
      }
    });
  });

  describe("errors", () => {
    it("decodes a reverted call from any contract of the suite, with named args and plain words", async () => {
      const f = await networkHelpers.loadFixture(suiteFixture);
      const outsider = Wallet.createRandom().address;
      const asRegistrar = connect(f.addresses, f.registrar, {
        nameOf: (a) => (a === f.registrar.address ? "registrar" : undefined),
      });
      let caught: unknown;
      try {
        await asRegistrar.cash.contract.mint.staticCall(outsider, 1n);
      } catch (e) {
        caught = e;
      }
      const d = decodeError(caught, (a) => (a === f.registrar.address ? "registrar" : undefined));
      expect(d?.name).to.equal("AccessManagedUnauthorized");
      expect(d?.args).to.deep.equal({ caller: f.registrar.address });
      expect(d?.message).to.equal(
        `registrar (${f.registrar.address}) does not hold the role that may call this function`,
      );

      try {
        await connect(f.addresses, f.bank).cash.mint(outsider, "1.00");
        expect.fail("mint to an outsider went through");
      } catch (e) {
        expect(explainError(e)).to.equal(
          `SettlementIneligible: ${outsider} is not eligible to hold or move cash: NotRegistered`,
        );
      }
    });

    it("knows every custom error of the bindings, plus Error(string) and Panic(uint256)", () => {
      const iface = suiteErrorInterface();
      const names = new Set(iface.fragments.map((f) => (f as unknown as { name: string }).name));
      for (const n of [
        "Error",
        "Panic",
        "RegistryParticipantExists",
        "SettlementIneligible",
        "AccessManagerUnauthorizedAccount",
        "ERC20InsufficientBalance",
      ]) {
        expect(names.has(n), n).to.equal(true);
      }
      const token = SettlementToken__factory.createInterface();
      const data = token.encodeErrorResult("ERC20InsufficientBalance", [Wallet.createRandom().address, 150n, 12345n]);
      expect(decodeErrorData(data)?.message).to.match(/has 1\.50 but 123\.45 is needed/);
      expect(decodeErrorData("0xdeadbeef")).to.equal(undefined);
      expect(decodeErrorData(iface.encodeErrorResult("Error", ["boom"]))?.message).to.equal("reverted: boom");
      expect(explainError(new Error("network down"))).to.equal("network down");
    });
  });
});
