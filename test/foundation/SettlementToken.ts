import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";

import type { Ineligibility } from "../../src/kinds.js";
import { describeRestrictedFunctions } from "../helpers/access.js";
import { addr, ethers, foundationWithMembers, networkHelpers, now, reason, type Signer } from "../helpers/fixtures.js";

const { loadFixture, time } = networkHelpers;

const ORDER = ethers.id("court order 2026-001");
const REASON = ethers.encodeBytes32String("AML review");
const MILLION = 1_000_000_00n; // 1,000,000.00 in fen

async function members() {
  return loadFixture(foundationWithMembers);
}

type F = Awaited<ReturnType<typeof foundationWithMembers>>;
type Reason = Exclude<(typeof Ineligibility)[number], "None">;
const REASONS: readonly Reason[] = ["NotRegistered", "Suspended", "Revoked", "KycExpired", "Frozen"];

/**
 * Makes `wallet` (the only wallet of participant `id`) ineligible for `why` while every other
 * member stays eligible. NotRegistered: the wallet is unbound from its participant (it keeps its
 * cash); KycExpired: the participant's KYC is renewed to a minute from now, then time moves to 2 minutes on.
 */
async function makeIneligible(f: F, wallet: string, id: string, why: Reason) {
  const registrar = f.registry.connect(f.ops.registrar);
  if (why === "NotRegistered") {
    await registrar.addWallet(id, addr(50));
    await registrar.removeWallet(id, wallet);
  } else if (why === "Suspended") {
    await registrar.suspend(id, REASON);
  } else if (why === "Revoked") {
    await registrar.revoke(id, REASON);
  } else if (why === "KycExpired") {
    // The next block's time is pinned: after a fixture is restored, the chain's clock runs on from
    // the wall clock, so "latest + 60" can already be past when the renewal is mined.
    const at = (await now()) + 1n;
    await time.setNextBlockTimestamp(at);
    await registrar.renewKyc(id, at + 60n);
    await time.increaseTo(at + 120n);
  } else {
    await f.registry.connect(f.ops.regulator).freezeWallet(wallet, ORDER);
  }
  expect(await f.registry.eligibility(wallet)).to.equal(reason(why));
}

async function pause(f: F) {
  await f.cash.connect(f.ops.guardian).pause();
}

/** Signs an ERC-2612 permit of `owner` for `spender`. */
async function signPermit(f: F, owner: Signer, spender: string, value: bigint, deadline: bigint, signer = owner) {
  const { chainId } = await ethers.provider.getNetwork();
  const domain = { name: await f.cash.name(), version: "1", chainId, verifyingContract: await f.cash.getAddress() };
  const types = {
    Permit: [
      { name: "owner", type: "address" },
      { name: "spender", type: "address" },
      { name: "value", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  const nonce = await f.cash.nonces(owner.address);
  const message = { owner: owner.address, spender, value, nonce, deadline };
  return ethers.Signature.from(await signer.signTypedData(domain, types, message));
}

describe("SettlementToken", () => {
  describe("decimals", () => {
    it("is 2 (amounts in fen)", async () => {
      const f = await members();
      expect(await f.cash.decimals()).to.equal(2n);
    });
  });

  describe("name", () => {
    it("is the module's default name", async () => {
      const f = await members();
      expect(await f.cash.name()).to.equal("Digital Yuan Deposit");
    });
  });

  describe("symbol", () => {
    it("is the module's default symbol", async () => {
      const f = await members();
      expect(await f.cash.symbol()).to.equal("dCNY");
    });
  });

  describe("registry", () => {
    it("is the deployment's participant registry", async () => {
      const f = await members();
      expect(await f.cash.registry()).to.equal(await f.registry.getAddress());
    });
  });

  describe("mint", () => {
    it("mints to an eligible wallet and emits Transfer from the zero address", async () => {
      const f = await members();
      const tx = f.cash.connect(f.ops.settlementBank).mint(f.carol.address, 500_00n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.carol], [500_00n]);
      await expect(tx).to.emit(f.cash, "Transfer").withArgs(ethers.ZeroAddress, f.carol.address, 500_00n);
      expect(await f.cash.totalSupply()).to.equal(2n * MILLION + 500_00n);
    });

    it("mints to a registered module", async () => {
      const f = await members();
      await f.registry.connect(f.ops.deployer).registerModule(addr(9));
      await f.cash.connect(f.ops.settlementBank).mint(addr(9), 1n);
      expect(await f.cash.balanceOf(addr(9))).to.equal(1n);
    });

    it("reverts with SettlementZeroAmount for zero", async () => {
      const f = await members();
      await expect(f.cash.connect(f.ops.settlementBank).mint(f.carol.address, 0)).to.be.revertedWithCustomError(
        f.cash,
        "SettlementZeroAmount",
      );
    });

    for (const why of REASONS) {
      it(`reverts with SettlementIneligible(to, ${why})`, async () => {
        const f = await members();
        await makeIneligible(f, f.carol.address, f.carolId, why);
        await expect(f.cash.connect(f.ops.settlementBank).mint(f.carol.address, 1n))
          .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
          .withArgs(f.carol.address, reason(why));
      });
    }

    it("reverts with SettlementIneligible(to, NotRegistered) for an address never registered", async () => {
      const f = await members();
      await expect(f.cash.connect(f.ops.settlementBank).mint(f.outsider.address, 1n))
        .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
        .withArgs(f.outsider.address, reason("NotRegistered"));
    });

    it("reverts with ERC20InvalidReceiver for the zero address", async () => {
      const f = await members();
      await expect(f.cash.connect(f.ops.settlementBank).mint(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(f.cash, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await members();
      await pause(f);
      await expect(f.cash.connect(f.ops.settlementBank).mint(f.carol.address, 1n)).to.be.revertedWithCustomError(
        f.cash,
        "EnforcedPause",
      );
    });
  });

  describe("burn", () => {
    it("burns from the settlement bank's own balance and emits Transfer to the zero address", async () => {
      const f = await members();
      await f.fund(f.ops.settlementBank, 1_000_00n);
      const tx = f.cash.connect(f.ops.settlementBank).burn(400_00n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.ops.settlementBank], [-400_00n]);
      await expect(tx).to.emit(f.cash, "Transfer").withArgs(f.ops.settlementBank.address, ethers.ZeroAddress, 400_00n);
      expect(await f.cash.totalSupply()).to.equal(2n * MILLION + 600_00n);
    });

    it("reverts with SettlementZeroAmount for zero", async () => {
      const f = await members();
      await expect(f.cash.connect(f.ops.settlementBank).burn(0)).to.be.revertedWithCustomError(
        f.cash,
        "SettlementZeroAmount",
      );
    });

    it("reverts with ERC20InsufficientBalance beyond the balance", async () => {
      const f = await members();
      await f.fund(f.ops.settlementBank, 1_00n);
      await expect(f.cash.connect(f.ops.settlementBank).burn(2_00n))
        .to.be.revertedWithCustomError(f.cash, "ERC20InsufficientBalance")
        .withArgs(f.ops.settlementBank.address, 1_00n, 2_00n);
    });

    it("reverts with SettlementIneligible(bank, Frozen) when the bank's wallet is frozen", async () => {
      const f = await members();
      await f.fund(f.ops.settlementBank, 1_00n);
      await f.registry.connect(f.ops.regulator).freezeWallet(f.ops.settlementBank.address, ORDER);
      await expect(f.cash.connect(f.ops.settlementBank).burn(1_00n))
        .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
        .withArgs(f.ops.settlementBank.address, reason("Frozen"));
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await members();
      await f.fund(f.ops.settlementBank, 1_00n);
      await pause(f);
      await expect(f.cash.connect(f.ops.settlementBank).burn(1_00n)).to.be.revertedWithCustomError(
        f.cash,
        "EnforcedPause",
      );
    });
  });

  describe("burnFrom", () => {
    it("burns from an account and spends the bank's allowance", async () => {
      const f = await members();
      await f.cash.connect(f.alice).approve(f.ops.settlementBank.address, 300_00n);
      const tx = f.cash.connect(f.ops.settlementBank).burnFrom(f.alice.address, 200_00n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.alice, f.ops.settlementBank], [-200_00n, 0n]);
      await expect(tx).to.emit(f.cash, "Transfer").withArgs(f.alice.address, ethers.ZeroAddress, 200_00n);
      expect(await f.cash.allowance(f.alice.address, f.ops.settlementBank.address)).to.equal(100_00n);
      expect(await f.cash.totalSupply()).to.equal(2n * MILLION - 200_00n);
    });

    it("reverts with ERC20InsufficientAllowance beyond the allowance", async () => {
      const f = await members();
      await f.cash.connect(f.alice).approve(f.ops.settlementBank.address, 100_00n);
      await expect(f.cash.connect(f.ops.settlementBank).burnFrom(f.alice.address, 200_00n))
        .to.be.revertedWithCustomError(f.cash, "ERC20InsufficientAllowance")
        .withArgs(f.ops.settlementBank.address, 100_00n, 200_00n);
    });

    it("reverts with SettlementZeroAmount for zero", async () => {
      const f = await members();
      await expect(f.cash.connect(f.ops.settlementBank).burnFrom(f.alice.address, 0)).to.be.revertedWithCustomError(
        f.cash,
        "SettlementZeroAmount",
      );
    });

    for (const why of ["Frozen", "Suspended", "KycExpired"] as const) {
      it(`reverts with SettlementIneligible(account, ${why}) and keeps the allowance`, async () => {
        const f = await members();
        await f.cash.connect(f.alice).approve(f.ops.settlementBank.address, 300_00n);
        await makeIneligible(f, f.alice.address, f.aliceId, why);
        await expect(f.cash.connect(f.ops.settlementBank).burnFrom(f.alice.address, 100_00n))
          .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
          .withArgs(f.alice.address, reason(why));
        expect(await f.cash.allowance(f.alice.address, f.ops.settlementBank.address)).to.equal(300_00n);
      });
    }

    it("reverts with EnforcedPause while paused", async () => {
      const f = await members();
      await f.cash.connect(f.alice).approve(f.ops.settlementBank.address, 300_00n);
      await pause(f);
      await expect(
        f.cash.connect(f.ops.settlementBank).burnFrom(f.alice.address, 100_00n),
      ).to.be.revertedWithCustomError(f.cash, "EnforcedPause");
    });
  });

  describe("transfer", () => {
    it("moves cash between eligible wallets and emits Transfer", async () => {
      const f = await members();
      const tx = f.cash.connect(f.alice).transfer(f.carol.address, 123_45n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.alice, f.carol], [-123_45n, 123_45n]);
      await expect(tx).to.emit(f.cash, "Transfer").withArgs(f.alice.address, f.carol.address, 123_45n);
    });

    it("moves cash from any wallet of a participant and to a registered module", async () => {
      const f = await members();
      const second = f.signers[11];
      await f.registry.connect(f.ops.registrar).addWallet(f.aliceId, second.address);
      await f.registry.connect(f.ops.deployer).registerModule(addr(9));
      await f.cash.connect(f.alice).transfer(second.address, 10_00n);
      await expect(f.cash.connect(second).transfer(addr(9), 4_00n)).to.changeTokenBalances(
        ethers,
        f.cash,
        [second, addr(9)],
        [-4_00n, 4_00n],
      );
    });

    for (const why of REASONS) {
      it(`reverts with SettlementIneligible(sender, ${why})`, async () => {
        const f = await members();
        await makeIneligible(f, f.alice.address, f.aliceId, why);
        await expect(f.cash.connect(f.alice).transfer(f.bob.address, 1n))
          .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
          .withArgs(f.alice.address, reason(why));
      });

      it(`reverts with SettlementIneligible(recipient, ${why})`, async () => {
        const f = await members();
        await makeIneligible(f, f.carol.address, f.carolId, why);
        await expect(f.cash.connect(f.alice).transfer(f.carol.address, 1n))
          .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
          .withArgs(f.carol.address, reason(why));
      });
    }

    it("names the sender first when both parties are ineligible", async () => {
      const f = await members();
      await makeIneligible(f, f.alice.address, f.aliceId, "Suspended");
      await expect(f.cash.connect(f.alice).transfer(f.outsider.address, 1n))
        .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
        .withArgs(f.alice.address, reason("Suspended"));
    });

    it("moves cash again once a freeze is lifted", async () => {
      const f = await members();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.alice.address, ORDER);
      await f.registry.connect(f.ops.regulator).unfreezeWallet(f.alice.address, ORDER);
      await expect(f.cash.connect(f.alice).transfer(f.bob.address, 1n)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.alice, f.bob],
        [-1n, 1n],
      );
    });

    it("reverts with ERC20InsufficientBalance beyond the balance", async () => {
      const f = await members();
      await expect(f.cash.connect(f.carol).transfer(f.alice.address, 1n))
        .to.be.revertedWithCustomError(f.cash, "ERC20InsufficientBalance")
        .withArgs(f.carol.address, 0n, 1n);
    });

    it("reverts with ERC20InvalidReceiver for the zero address", async () => {
      const f = await members();
      await expect(f.cash.connect(f.alice).transfer(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(f.cash, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await members();
      await pause(f);
      await expect(f.cash.connect(f.alice).transfer(f.bob.address, 1n)).to.be.revertedWithCustomError(
        f.cash,
        "EnforcedPause",
      );
    });
  });

  describe("transferFrom", () => {
    it("moves cash between eligible wallets and spends the allowance", async () => {
      const f = await members();
      await f.cash.connect(f.alice).approve(f.bob.address, 50_00n);
      await expect(f.cash.connect(f.bob).transferFrom(f.alice.address, f.carol.address, 30_00n)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.alice, f.bob, f.carol],
        [-30_00n, 0n, 30_00n],
      );
      expect(await f.cash.allowance(f.alice.address, f.bob.address)).to.equal(20_00n);
    });

    it("reverts with SettlementIneligible(from, Frozen) for a frozen owner", async () => {
      const f = await members();
      await f.cash.connect(f.alice).approve(f.bob.address, 50_00n);
      await makeIneligible(f, f.alice.address, f.aliceId, "Frozen");
      await expect(f.cash.connect(f.bob).transferFrom(f.alice.address, f.bob.address, 1n))
        .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
        .withArgs(f.alice.address, reason("Frozen"));
    });

    it("reverts with SettlementIneligible(to, NotRegistered) for an unregistered recipient", async () => {
      const f = await members();
      await f.cash.connect(f.alice).approve(f.bob.address, 50_00n);
      await expect(f.cash.connect(f.bob).transferFrom(f.alice.address, f.outsider.address, 1n))
        .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
        .withArgs(f.outsider.address, reason("NotRegistered"));
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await members();
      await f.cash.connect(f.alice).approve(f.bob.address, 50_00n);
      await pause(f);
      await expect(
        f.cash.connect(f.bob).transferFrom(f.alice.address, f.bob.address, 1n),
      ).to.be.revertedWithCustomError(f.cash, "EnforcedPause");
    });
  });

  describe("pause", () => {
    it("pauses, emits Paused with the guardian, and still lets holders approve", async () => {
      const f = await members();
      await expect(f.cash.connect(f.ops.guardian).pause()).to.emit(f.cash, "Paused").withArgs(f.ops.guardian.address);
      expect(await f.cash.paused()).to.equal(true);
      await f.cash.connect(f.alice).approve(f.bob.address, 7n);
      expect(await f.cash.allowance(f.alice.address, f.bob.address)).to.equal(7n);
    });

    it("reverts with EnforcedPause when already paused", async () => {
      const f = await members();
      await pause(f);
      await expect(f.cash.connect(f.ops.guardian).pause()).to.be.revertedWithCustomError(f.cash, "EnforcedPause");
    });
  });

  describe("unpause", () => {
    it("resumes transfers and emits Unpaused with the guardian", async () => {
      const f = await members();
      await pause(f);
      await expect(f.cash.connect(f.ops.guardian).unpause())
        .to.emit(f.cash, "Unpaused")
        .withArgs(f.ops.guardian.address);
      expect(await f.cash.paused()).to.equal(false);
      await expect(f.cash.connect(f.alice).transfer(f.bob.address, 1n)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.alice, f.bob],
        [-1n, 1n],
      );
    });

    it("reverts with ExpectedPause when not paused", async () => {
      const f = await members();
      await expect(f.cash.connect(f.ops.guardian).unpause()).to.be.revertedWithCustomError(f.cash, "ExpectedPause");
    });
  });

  describe("forcedTransfer", () => {
    it("moves cash out of a frozen wallet while paused and emits ForcedTransfer then Transfer", async () => {
      const f = await members();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.alice.address, ORDER);
      await pause(f);
      const tx = f.cash.connect(f.ops.regulator).forcedTransfer(f.alice.address, f.carol.address, 500_00n, ORDER);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.alice, f.carol], [-500_00n, 500_00n]);
      await expect(tx)
        .to.emit(f.cash, "ForcedTransfer")
        .withArgs(f.alice.address, f.carol.address, 500_00n, ORDER)
        .and.to.emit(f.cash, "Transfer")
        .withArgs(f.alice.address, f.carol.address, 500_00n);
      expect(await f.cash.totalSupply()).to.equal(2n * MILLION);
    });

    for (const why of ["NotRegistered", "Revoked", "KycExpired"] as const) {
      it(`moves cash out of a wallet that is ${why}`, async () => {
        const f = await members();
        await makeIneligible(f, f.alice.address, f.aliceId, why);
        await expect(
          f.cash.connect(f.ops.regulator).forcedTransfer(f.alice.address, f.bob.address, 1_00n, ORDER),
        ).to.changeTokenBalances(ethers, f.cash, [f.alice, f.bob], [-1_00n, 1_00n]);
      });
    }

    for (const why of REASONS) {
      it(`reverts with SettlementIneligible(to, ${why}) for an ineligible recipient`, async () => {
        const f = await members();
        await makeIneligible(f, f.carol.address, f.carolId, why);
        await expect(f.cash.connect(f.ops.regulator).forcedTransfer(f.alice.address, f.carol.address, 1n, ORDER))
          .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
          .withArgs(f.carol.address, reason(why));
      });
    }

    it("reverts with SettlementZeroAmount for zero", async () => {
      const f = await members();
      await expect(
        f.cash.connect(f.ops.regulator).forcedTransfer(f.alice.address, f.bob.address, 0, ORDER),
      ).to.be.revertedWithCustomError(f.cash, "SettlementZeroAmount");
    });

    it("reverts with ERC20InvalidSender for the zero address as sender", async () => {
      const f = await members();
      await expect(f.cash.connect(f.ops.regulator).forcedTransfer(ethers.ZeroAddress, f.bob.address, 1n, ORDER))
        .to.be.revertedWithCustomError(f.cash, "ERC20InvalidSender")
        .withArgs(ethers.ZeroAddress);
    });

    it("reverts with ERC20InvalidReceiver for the zero address as recipient", async () => {
      const f = await members();
      await expect(f.cash.connect(f.ops.regulator).forcedTransfer(f.alice.address, ethers.ZeroAddress, 1n, ORDER))
        .to.be.revertedWithCustomError(f.cash, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
    });

    it("reverts with ERC20InsufficientBalance beyond the sender's balance", async () => {
      const f = await members();
      await expect(f.cash.connect(f.ops.regulator).forcedTransfer(f.alice.address, f.bob.address, MILLION + 1n, ORDER))
        .to.be.revertedWithCustomError(f.cash, "ERC20InsufficientBalance")
        .withArgs(f.alice.address, MILLION, MILLION + 1n);
    });
  });

  describe("permit", () => {
    it("sets an allowance from the owner's EIP-712 signature, then transferFrom spends it", async () => {
      const f = await members();
      const deadline = (await now()) + 3600n;
      const sig = await signPermit(f, f.alice, f.bob.address, 250_00n, deadline);
      await expect(
        f.cash.connect(f.outsider).permit(f.alice.address, f.bob.address, 250_00n, deadline, sig.v, sig.r, sig.s),
      )
        .to.emit(f.cash, "Approval")
        .withArgs(f.alice.address, f.bob.address, 250_00n);
      expect(await f.cash.allowance(f.alice.address, f.bob.address)).to.equal(250_00n);
      expect(await f.cash.nonces(f.alice.address)).to.equal(1n);

      await expect(
        f.cash.connect(f.bob).transferFrom(f.alice.address, f.carol.address, 200_00n),
      ).to.changeTokenBalances(ethers, f.cash, [f.alice, f.carol], [-200_00n, 200_00n]);
      expect(await f.cash.allowance(f.alice.address, f.bob.address)).to.equal(50_00n);
    });

    it("uses the token name and version 1 as EIP-712 domain", async () => {
      const f = await members();
      const { chainId } = await ethers.provider.getNetwork();
      const domain = {
        name: "Digital Yuan Deposit",
        version: "1",
        chainId,
        verifyingContract: await f.cash.getAddress(),
      };
      expect(await f.cash.DOMAIN_SEPARATOR()).to.equal(ethers.TypedDataEncoder.hashDomain(domain));
    });

    it("reverts with ERC2612ExpiredSignature past the deadline", async () => {
      const f = await members();
      const deadline = (await now()) + 60n;
      const sig = await signPermit(f, f.alice, f.bob.address, 1n, deadline);
      await time.increase(120);
      await expect(f.cash.permit(f.alice.address, f.bob.address, 1n, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(f.cash, "ERC2612ExpiredSignature")
        .withArgs(deadline);
    });

    it("reverts with ERC2612InvalidSigner for a signature by another key", async () => {
      const f = await members();
      const deadline = (await now()) + 3600n;
      const sig = await signPermit(f, f.alice, f.bob.address, 1n, deadline, f.outsider);
      await expect(f.cash.permit(f.alice.address, f.bob.address, 1n, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(f.cash, "ERC2612InvalidSigner")
        .withArgs(f.outsider.address, f.alice.address);
    });

    it("reverts with ERC2612InvalidSigner when a signature is replayed", async () => {
      const f = await members();
      const deadline = (await now()) + 3600n;
      const sig = await signPermit(f, f.alice, f.bob.address, 1n, deadline);
      await f.cash.permit(f.alice.address, f.bob.address, 1n, deadline, sig.v, sig.r, sig.s);
      await expect(f.cash.permit(f.alice.address, f.bob.address, 1n, deadline, sig.v, sig.r, sig.s))
        .to.be.revertedWithCustomError(f.cash, "ERC2612InvalidSigner")
        .withArgs(anyValue, f.alice.address);
    });
  });

  describeRestrictedFunctions("SettlementToken", members, {
    target: (f: F) => f.cash,
    callers: (f: F) => ({ ...f.ops, outsider: f.outsider }),
    args: {
      "mint(address,uint256)": (f: F) => [f.carol.address, 1_00n],
      "burn(uint256)": () => [1_00n],
      "burnFrom(address,uint256)": (f: F) => [f.alice.address, 1_00n],
      "forcedTransfer(address,address,uint256,bytes32)": (f: F) => [f.alice.address, f.bob.address, 1_00n, ORDER],
      "pause()": () => [],
      "unpause()": () => [],
    },
  });
});
