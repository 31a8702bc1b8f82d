import { expect } from "chai";

import { kindsOf, MODULE_KIND } from "../../src/kinds.js";
import { describeRestrictedFunctions } from "../helpers/access.js";
import {
  addr,
  CN,
  DAY,
  ethers,
  foundationWithMembers,
  networkHelpers,
  now,
  pid,
  reason,
  status,
  YEAR,
} from "../helpers/fixtures.js";

const { loadFixture, time } = networkHelpers;

const SME = kindsOf("SME");
const BANK_FACTOR = kindsOf("BANK", "FACTOR");
const ALL_KINDS = (1 << 10) - 1;
const ZERO_ID = ethers.ZeroHash;
const HK = "0x484b"; // "HK" as bytes2
const REASON = ethers.encodeBytes32String("AML review");
const ORDER = ethers.id("court order 2026-001");
const MAX_UINT40 = (1n << 40n) - 1n;

async function members() {
  return loadFixture(foundationWithMembers);
}

type F = Awaited<ReturnType<typeof foundationWithMembers>>;

/** A wallet's record as a plain object. */
async function record(f: F, wallet: string) {
  const r = await f.registry.walletRecord(wallet);
  return {
    participantIndex: r.participantIndex,
    status: r.status,
    kycExpiry: r.kycExpiry,
    kinds: r.kinds,
    frozen: r.frozen,
  };
}

/** Binds `count` extra wallets (addr(1)..addr(count)) to alice and returns them. */
async function aliceWithWallets(f: F, count: number) {
  const wallets = Array.from({ length: count }, (_, i) => addr(i + 1));
  for (const w of wallets) await (await f.registry.connect(f.ops.registrar).addWallet(f.aliceId, w)).wait();
  return [f.alice.address, ...wallets];
}

async function eligibilities(f: F, wallets: string[]) {
  return Promise.all(wallets.map((w) => f.registry.eligibility(w)));
}

describe("ParticipantRegistry", () => {
  describe("register", () => {
    it("registers a participant with one wallet and emits ParticipantRegistered then WalletAdded", async () => {
      const f = await members();
      const dave = f.signers[11];
      const id = pid("91310000DAVE0001X");
      const expiry = (await now()) + YEAR;
      await expect(f.registry.connect(f.ops.registrar).register(id, BANK_FACTOR, expiry, HK, dave.address))
        .to.emit(f.registry, "ParticipantRegistered")
        .withArgs(id, BANK_FACTOR, expiry, HK)
        .and.to.emit(f.registry, "WalletAdded")
        .withArgs(id, dave.address);

      const p = await f.registry.participant(id);
      expect(p.kinds).to.equal(BigInt(BANK_FACTOR));
      expect(p.status).to.equal(status("Active"));
      expect(p.kycExpiry).to.equal(expiry);
      expect(p.jurisdiction).to.equal(HK);
      expect(p.index).to.equal(5n);
      expect([...p.wallets]).to.deep.equal([dave.address]);
      expect(await record(f, dave.address)).to.deep.equal({
        participantIndex: 5n,
        status: status("Active"),
        kycExpiry: expiry,
        kinds: BigInt(BANK_FACTOR),
        frozen: false,
      });
      expect(await f.registry.participantCount()).to.equal(5n);
      expect(await f.registry.participantAt(5)).to.equal(id);
      expect(await f.registry.participantOf(dave.address)).to.equal(id);
      expect(await f.registry.eligibility(dave.address)).to.equal(reason("None"));
    });

    it("accepts every known kind bit at once", async () => {
      const f = await members();
      const id = pid("ALL-KINDS");
      await f.registry.connect(f.ops.registrar).register(id, ALL_KINDS, (await now()) + YEAR, CN, addr(1));
      expect((await f.registry.participant(id)).kinds).to.equal(BigInt(ALL_KINDS));
    });

    it("reverts with RegistryZeroId for the zero id", async () => {
      const f = await members();
      await expect(
        f.registry.connect(f.ops.registrar).register(ZERO_ID, SME, (await now()) + YEAR, CN, addr(1)),
      ).to.be.revertedWithCustomError(f.registry, "RegistryZeroId");
    });

    it("reverts with RegistryZeroWallet for the zero wallet", async () => {
      const f = await members();
      await expect(
        f.registry.connect(f.ops.registrar).register(pid("X"), SME, (await now()) + YEAR, CN, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(f.registry, "RegistryZeroWallet");
    });

    it("reverts with RegistryNoKinds for an empty kind set", async () => {
      const f = await members();
      await expect(
        f.registry.connect(f.ops.registrar).register(pid("X"), 0, (await now()) + YEAR, CN, addr(1)),
      ).to.be.revertedWithCustomError(f.registry, "RegistryNoKinds");
    });

    for (const bits of [1 << 10, 1 << 14, MODULE_KIND, SME | MODULE_KIND]) {
      it(`reverts with RegistryUnknownKinds for kinds 0x${bits.toString(16)}`, async () => {
        const f = await members();
        await expect(f.registry.connect(f.ops.registrar).register(pid("X"), bits, (await now()) + YEAR, CN, addr(1)))
          .to.be.revertedWithCustomError(f.registry, "RegistryUnknownKinds")
          .withArgs(bits);
      });
    }

    it("reverts with RegistryParticipantExists for an id already registered", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).register(f.aliceId, SME, (await now()) + YEAR, CN, addr(1)))
        .to.be.revertedWithCustomError(f.registry, "RegistryParticipantExists")
        .withArgs(f.aliceId);
    });

    it("reverts with RegistryParticipantExists for a revoked id", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).register(f.aliceId, SME, (await now()) + YEAR, CN, addr(1)))
        .to.be.revertedWithCustomError(f.registry, "RegistryParticipantExists")
        .withArgs(f.aliceId);
    });

    it("reverts with RegistryKycExpiryInPast when the expiry is the block's timestamp", async () => {
      const f = await members();
      const t = (await now()) + 100n;
      await time.setNextBlockTimestamp(t);
      await expect(f.registry.connect(f.ops.registrar).register(pid("X"), SME, t, CN, addr(1)))
        .to.be.revertedWithCustomError(f.registry, "RegistryKycExpiryInPast")
        .withArgs(t, t);
    });

    it("reverts with RegistryKycExpiryInPast when the expiry is before the block's timestamp", async () => {
      const f = await members();
      const t = (await now()) + 100n;
      await time.setNextBlockTimestamp(t);
      await expect(f.registry.connect(f.ops.registrar).register(pid("X"), SME, t - DAY, CN, addr(1)))
        .to.be.revertedWithCustomError(f.registry, "RegistryKycExpiryInPast")
        .withArgs(t - DAY, t);
    });

    it("reverts with RegistryWalletBoundElsewhere, naming the other participant", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).register(pid("X"), SME, (await now()) + YEAR, CN, f.bob.address))
        .to.be.revertedWithCustomError(f.registry, "RegistryWalletBoundElsewhere")
        .withArgs(f.bob.address, f.bobId);
    });

    it("reverts with RegistryModuleExists when the wallet is a registered module", async () => {
      const f = await members();
      await f.registry.connect(f.ops.deployer).registerModule(addr(9));
      await expect(f.registry.connect(f.ops.registrar).register(pid("X"), SME, (await now()) + YEAR, CN, addr(9)))
        .to.be.revertedWithCustomError(f.registry, "RegistryModuleExists")
        .withArgs(addr(9));
    });

    it("keeps a freeze placed on the wallet before it was registered", async () => {
      const f = await members();
      await f.registry.connect(f.ops.regulator).freezeWallet(addr(1), ORDER);
      await f.registry.connect(f.ops.registrar).register(pid("X"), SME, (await now()) + YEAR, CN, addr(1));
      expect((await record(f, addr(1))).frozen).to.equal(true);
      expect(await f.registry.eligibility(addr(1))).to.equal(reason("Frozen"));
    });
  });

  describe("setKinds", () => {
    it("replaces the kinds on every wallet and emits ParticipantKindsUpdated", async () => {
      const f = await members();
      const wallets = await aliceWithWallets(f, 2);
      const kinds = kindsOf("INVESTOR", "EXCHANGE");
      await expect(f.registry.connect(f.ops.registrar).setKinds(f.aliceId, kinds))
        .to.emit(f.registry, "ParticipantKindsUpdated")
        .withArgs(f.aliceId, SME, kinds);
      expect((await f.registry.participant(f.aliceId)).kinds).to.equal(BigInt(kinds));
      for (const w of wallets) {
        expect((await record(f, w)).kinds).to.equal(BigInt(kinds));
        expect(await f.registry.hasKind(w, SME)).to.equal(false);
        expect(await f.registry.isEligibleKind(w, kinds)).to.equal(true);
      }
    });

    it("updates a suspended participant and keeps it suspended", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON);
      await f.registry.connect(f.ops.registrar).setKinds(f.aliceId, BANK_FACTOR);
      expect(await record(f, f.alice.address)).to.include({ kinds: BigInt(BANK_FACTOR), status: status("Suspended") });
    });

    it("reverts with RegistryNoKinds for an empty kind set", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).setKinds(f.aliceId, 0)).to.be.revertedWithCustomError(
        f.registry,
        "RegistryNoKinds",
      );
    });

    it("reverts with RegistryUnknownKinds for the MODULE bit", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).setKinds(f.aliceId, MODULE_KIND))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownKinds")
        .withArgs(MODULE_KIND);
    });

    it("reverts with RegistryUnknownParticipant for an unknown id", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).setKinds(pid("NOBODY"), SME))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownParticipant")
        .withArgs(pid("NOBODY"));
    });

    it("reverts with RegistryParticipantRevoked for a revoked participant", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).setKinds(f.aliceId, SME))
        .to.be.revertedWithCustomError(f.registry, "RegistryParticipantRevoked")
        .withArgs(f.aliceId);
    });
  });

  describe("renewKyc", () => {
    it("sets the new expiry on every wallet and emits ParticipantKycRenewed with the old and new expiry", async () => {
      const f = await members();
      const wallets = await aliceWithWallets(f, 2);
      const old = (await f.registry.participant(f.aliceId)).kycExpiry;
      const next = old + YEAR;
      await expect(f.registry.connect(f.ops.registrar).renewKyc(f.aliceId, next))
        .to.emit(f.registry, "ParticipantKycRenewed")
        .withArgs(f.aliceId, old, next);
      expect((await f.registry.participant(f.aliceId)).kycExpiry).to.equal(next);
      for (const w of wallets) expect((await record(f, w)).kycExpiry).to.equal(next);
    });

    it("makes every wallet of a participant whose KYC lapsed eligible again", async () => {
      const f = await members();
      const wallets = await aliceWithWallets(f, 2);
      await time.increaseTo((await f.registry.participant(f.aliceId)).kycExpiry + 1n);
      expect(await eligibilities(f, wallets)).to.deep.equal(wallets.map(() => reason("KycExpired")));
      await f.registry.connect(f.ops.registrar).renewKyc(f.aliceId, (await now()) + YEAR);
      expect(await eligibilities(f, wallets)).to.deep.equal(wallets.map(() => reason("None")));
    });

    it("reverts with RegistryKycExpiryInPast for an expiry not after the block's timestamp", async () => {
      const f = await members();
      const t = (await now()) + 100n;
      await time.setNextBlockTimestamp(t);
      await expect(f.registry.connect(f.ops.registrar).renewKyc(f.aliceId, t))
        .to.be.revertedWithCustomError(f.registry, "RegistryKycExpiryInPast")
        .withArgs(t, t);
    });

    it("reverts with RegistryUnknownParticipant for an unknown id", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).renewKyc(pid("NOBODY"), (await now()) + YEAR))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownParticipant")
        .withArgs(pid("NOBODY"));
    });

    it("reverts with RegistryParticipantRevoked for a revoked participant", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).renewKyc(f.aliceId, (await now()) + YEAR))
        .to.be.revertedWithCustomError(f.registry, "RegistryParticipantRevoked")
        .withArgs(f.aliceId);
    });
  });

  describe("setJurisdiction", () => {
    it("sets the jurisdiction and emits ParticipantJurisdictionUpdated", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).setJurisdiction(f.aliceId, HK))
        .to.emit(f.registry, "ParticipantJurisdictionUpdated")
        .withArgs(f.aliceId, HK);
      expect((await f.registry.participant(f.aliceId)).jurisdiction).to.equal(HK);
    });

    it("reverts with RegistryUnknownParticipant for an unknown id", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).setJurisdiction(pid("NOBODY"), HK))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownParticipant")
        .withArgs(pid("NOBODY"));
    });

    it("reverts with RegistryParticipantRevoked for a revoked participant", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).setJurisdiction(f.aliceId, HK))
        .to.be.revertedWithCustomError(f.registry, "RegistryParticipantRevoked")
        .withArgs(f.aliceId);
    });
  });

  describe("suspend", () => {
    it("suspends every wallet of the participant and emits ParticipantSuspended with the reason", async () => {
      const f = await members();
      const wallets = await aliceWithWallets(f, 2);
      await expect(f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON))
        .to.emit(f.registry, "ParticipantSuspended")
        .withArgs(f.aliceId, REASON);
      expect((await f.registry.participant(f.aliceId)).status).to.equal(status("Suspended"));
      for (const w of wallets) expect((await record(f, w)).status).to.equal(status("Suspended"));
      expect(await eligibilities(f, wallets)).to.deep.equal(wallets.map(() => reason("Suspended")));
      expect(await f.registry.eligibility(f.bob.address)).to.equal(reason("None"));
    });

    it("reverts with RegistryNotActive for a suspended participant", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON))
        .to.be.revertedWithCustomError(f.registry, "RegistryNotActive")
        .withArgs(f.aliceId, status("Suspended"));
    });

    it("reverts with RegistryUnknownParticipant for an unknown id", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).suspend(pid("NOBODY"), REASON))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownParticipant")
        .withArgs(pid("NOBODY"));
    });

    it("reverts with RegistryParticipantRevoked for a revoked participant", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON))
        .to.be.revertedWithCustomError(f.registry, "RegistryParticipantRevoked")
        .withArgs(f.aliceId);
    });
  });

  describe("reinstate", () => {
    it("returns every wallet to active and emits ParticipantReinstated", async () => {
      const f = await members();
      const wallets = await aliceWithWallets(f, 2);
      await f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).reinstate(f.aliceId))
        .to.emit(f.registry, "ParticipantReinstated")
        .withArgs(f.aliceId);
      expect((await f.registry.participant(f.aliceId)).status).to.equal(status("Active"));
      for (const w of wallets) expect((await record(f, w)).status).to.equal(status("Active"));
      expect(await eligibilities(f, wallets)).to.deep.equal(wallets.map(() => reason("None")));
    });

    it("reverts with RegistryNotSuspended for an active participant", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).reinstate(f.aliceId))
        .to.be.revertedWithCustomError(f.registry, "RegistryNotSuspended")
        .withArgs(f.aliceId, status("Active"));
    });

    it("reverts with RegistryUnknownParticipant for an unknown id", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).reinstate(pid("NOBODY")))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownParticipant")
        .withArgs(pid("NOBODY"));
    });

    it("reverts with RegistryParticipantRevoked for a revoked participant", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON);
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).reinstate(f.aliceId))
        .to.be.revertedWithCustomError(f.registry, "RegistryParticipantRevoked")
        .withArgs(f.aliceId);
    });
  });

  describe("revoke", () => {
    it("revokes every wallet of the participant and emits ParticipantRevoked with the reason", async () => {
      const f = await members();
      const wallets = await aliceWithWallets(f, 2);
      await expect(f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON))
        .to.emit(f.registry, "ParticipantRevoked")
        .withArgs(f.aliceId, REASON);
      expect((await f.registry.participant(f.aliceId)).status).to.equal(status("Revoked"));
      for (const w of wallets) expect((await record(f, w)).status).to.equal(status("Revoked"));
      expect(await eligibilities(f, wallets)).to.deep.equal(wallets.map(() => reason("Revoked")));
      // The wallets stay bound to the revoked participant: they cannot join another one.
      expect(await f.registry.participantOf(addr(1))).to.equal(f.aliceId);
    });

    it("revokes a suspended participant", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON);
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("Revoked"));
    });

    it("reverts with RegistryAlreadyRevoked when revoking twice", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON))
        .to.be.revertedWithCustomError(f.registry, "RegistryAlreadyRevoked")
        .withArgs(f.aliceId);
    });

    it("reverts with RegistryUnknownParticipant for an unknown id", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).revoke(pid("NOBODY"), REASON))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownParticipant")
        .withArgs(pid("NOBODY"));
    });
  });

  describe("addWallet", () => {
    it("binds a wallet mirroring the participant and emits WalletAdded", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).addWallet(f.carolId, addr(1)))
        .to.emit(f.registry, "WalletAdded")
        .withArgs(f.carolId, addr(1));
      const p = await f.registry.participant(f.carolId);
      expect([...p.wallets]).to.deep.equal([f.carol.address, addr(1)]);
      expect(await record(f, addr(1))).to.deep.equal({
        participantIndex: 3n,
        status: status("Active"),
        kycExpiry: p.kycExpiry,
        kinds: BigInt(BANK_FACTOR),
        frozen: false,
      });
      expect(await f.registry.participantOf(addr(1))).to.equal(f.carolId);
    });

    it("binds a wallet to a suspended participant as suspended", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON);
      await f.registry.connect(f.ops.registrar).addWallet(f.aliceId, addr(1));
      expect(await f.registry.eligibility(addr(1))).to.equal(reason("Suspended"));
    });

    it(`binds up to MAX_WALLETS (8) wallets and reverts with RegistryTooManyWallets beyond`, async () => {
      const f = await members();
      expect(await f.registry.MAX_WALLETS()).to.equal(8n);
      const wallets = await aliceWithWallets(f, 7);
      expect((await f.registry.participant(f.aliceId)).wallets).to.have.length(8);
      expect(await eligibilities(f, wallets)).to.deep.equal(wallets.map(() => reason("None")));
      await expect(f.registry.connect(f.ops.registrar).addWallet(f.aliceId, addr(8)))
        .to.be.revertedWithCustomError(f.registry, "RegistryTooManyWallets")
        .withArgs(f.aliceId, 8);
    });

    it("reverts with RegistryDuplicateWallet for a wallet already bound to the participant", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).addWallet(f.aliceId, f.alice.address))
        .to.be.revertedWithCustomError(f.registry, "RegistryDuplicateWallet")
        .withArgs(f.aliceId, f.alice.address);
    });

    it("reverts with RegistryWalletBoundElsewhere naming the participant holding the wallet", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).addWallet(f.aliceId, f.carol.address))
        .to.be.revertedWithCustomError(f.registry, "RegistryWalletBoundElsewhere")
        .withArgs(f.carol.address, f.carolId);
    });

    it("reverts with RegistryWalletBoundElsewhere for a wallet of a revoked participant", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).revoke(f.carolId, REASON);
      await expect(f.registry.connect(f.ops.registrar).addWallet(f.aliceId, f.carol.address))
        .to.be.revertedWithCustomError(f.registry, "RegistryWalletBoundElsewhere")
        .withArgs(f.carol.address, f.carolId);
    });

    it("reverts with RegistryZeroWallet for the zero address", async () => {
      const f = await members();
      await expect(
        f.registry.connect(f.ops.registrar).addWallet(f.aliceId, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(f.registry, "RegistryZeroWallet");
    });

    it("reverts with RegistryModuleExists for a registered module", async () => {
      const f = await members();
      await f.registry.connect(f.ops.deployer).registerModule(addr(9));
      await expect(f.registry.connect(f.ops.registrar).addWallet(f.aliceId, addr(9)))
        .to.be.revertedWithCustomError(f.registry, "RegistryModuleExists")
        .withArgs(addr(9));
    });

    it("reverts with RegistryUnknownParticipant for an unknown id", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).addWallet(pid("NOBODY"), addr(1)))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownParticipant")
        .withArgs(pid("NOBODY"));
    });

    it("reverts with RegistryParticipantRevoked for a revoked participant", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).addWallet(f.aliceId, addr(1)))
        .to.be.revertedWithCustomError(f.registry, "RegistryParticipantRevoked")
        .withArgs(f.aliceId);
    });
  });

  describe("removeWallet", () => {
    it("unbinds the wallet (swap and pop), clears its record and emits WalletRemoved", async () => {
      const f = await members();
      await aliceWithWallets(f, 2);
      await expect(f.registry.connect(f.ops.registrar).removeWallet(f.aliceId, f.alice.address))
        .to.emit(f.registry, "WalletRemoved")
        .withArgs(f.aliceId, f.alice.address);
      expect([...(await f.registry.participant(f.aliceId)).wallets]).to.deep.equal([addr(2), addr(1)]);
      expect(await record(f, f.alice.address)).to.deep.equal({
        participantIndex: 0n,
        status: status("None"),
        kycExpiry: 0n,
        kinds: 0n,
        frozen: false,
      });
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("NotRegistered"));
      expect(await f.registry.participantOf(f.alice.address)).to.equal(ZERO_ID);
      expect(await f.registry.hasKind(f.alice.address, SME)).to.equal(false);
    });

    it("removes the last wallet of the list", async () => {
      const f = await members();
      await aliceWithWallets(f, 2);
      await f.registry.connect(f.ops.registrar).removeWallet(f.aliceId, addr(2));
      expect([...(await f.registry.participant(f.aliceId)).wallets]).to.deep.equal([f.alice.address, addr(1)]);
    });

    it("lets a removed wallet be bound to another participant", async () => {
      const f = await members();
      await aliceWithWallets(f, 1);
      await f.registry.connect(f.ops.registrar).removeWallet(f.aliceId, addr(1));
      await f.registry.connect(f.ops.registrar).addWallet(f.carolId, addr(1));
      expect(await f.registry.participantOf(addr(1))).to.equal(f.carolId);
      expect(await f.registry.isEligibleKind(addr(1), BANK_FACTOR)).to.equal(true);
    });

    it("keeps a freeze on the removed wallet, and after it is bound again", async () => {
      const f = await members();
      await aliceWithWallets(f, 1);
      await f.registry.connect(f.ops.regulator).freezeWallet(addr(1), ORDER);
      await f.registry.connect(f.ops.registrar).removeWallet(f.aliceId, addr(1));
      expect(await record(f, addr(1))).to.deep.equal({
        participantIndex: 0n,
        status: status("None"),
        kycExpiry: 0n,
        kinds: 0n,
        frozen: true,
      });
      expect(await f.registry.eligibility(addr(1))).to.equal(reason("Frozen"));
      await f.registry.connect(f.ops.registrar).addWallet(f.carolId, addr(1));
      expect(await f.registry.eligibility(addr(1))).to.equal(reason("Frozen"));
    });

    it("unbinds a wallet of a revoked participant", async () => {
      const f = await members();
      await aliceWithWallets(f, 1);
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      await expect(f.registry.connect(f.ops.registrar).removeWallet(f.aliceId, addr(1)))
        .to.emit(f.registry, "WalletRemoved")
        .withArgs(f.aliceId, addr(1));
      expect(await f.registry.eligibility(addr(1))).to.equal(reason("NotRegistered"));
    });

    it("reverts with RegistryWalletNotOfParticipant for a wallet of another participant", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).removeWallet(f.aliceId, f.bob.address))
        .to.be.revertedWithCustomError(f.registry, "RegistryWalletNotOfParticipant")
        .withArgs(f.aliceId, f.bob.address);
    });

    it("reverts with RegistryWalletNotOfParticipant for an unbound wallet", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).removeWallet(f.aliceId, f.outsider.address))
        .to.be.revertedWithCustomError(f.registry, "RegistryWalletNotOfParticipant")
        .withArgs(f.aliceId, f.outsider.address);
    });

    it("reverts with RegistryLastWallet for the participant's only wallet", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).removeWallet(f.aliceId, f.alice.address))
        .to.be.revertedWithCustomError(f.registry, "RegistryLastWallet")
        .withArgs(f.aliceId, f.alice.address);
    });

    it("reverts with RegistryUnknownParticipant for an unknown id", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.registrar).removeWallet(pid("NOBODY"), f.alice.address))
        .to.be.revertedWithCustomError(f.registry, "RegistryUnknownParticipant")
        .withArgs(pid("NOBODY"));
    });
  });

  describe("freezeWallet", () => {
    it("freezes one wallet and emits WalletFrozen with the order reference", async () => {
      const f = await members();
      const [first, second] = await aliceWithWallets(f, 1);
      await expect(f.registry.connect(f.ops.regulator).freezeWallet(first, ORDER))
        .to.emit(f.registry, "WalletFrozen")
        .withArgs(first, ORDER);
      expect((await record(f, first)).frozen).to.equal(true);
      expect(await f.registry.eligibility(first)).to.equal(reason("Frozen"));
      // The freeze is per wallet: the participant's other wallet is untouched.
      expect(await f.registry.eligibility(second)).to.equal(reason("None"));
    });

    it("survives status, KYC and kinds changes of the participant", async () => {
      const f = await members();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.alice.address, ORDER);
      await f.registry.connect(f.ops.registrar).setKinds(f.aliceId, BANK_FACTOR);
      await f.registry.connect(f.ops.registrar).renewKyc(f.aliceId, (await now()) + 2n * YEAR);
      await f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON);
      await f.registry.connect(f.ops.registrar).reinstate(f.aliceId);
      expect((await record(f, f.alice.address)).frozen).to.equal(true);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("Frozen"));
    });

    it("freezes an address that is not registered", async () => {
      const f = await members();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.outsider.address, ORDER);
      expect(await f.registry.eligibility(f.outsider.address)).to.equal(reason("Frozen"));
    });

    it("reverts with RegistryZeroWallet for the zero address", async () => {
      const f = await members();
      await expect(
        f.registry.connect(f.ops.regulator).freezeWallet(ethers.ZeroAddress, ORDER),
      ).to.be.revertedWithCustomError(f.registry, "RegistryZeroWallet");
    });

    it("reverts with RegistryWalletAlreadyFrozen for a frozen wallet", async () => {
      const f = await members();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.alice.address, ORDER);
      await expect(f.registry.connect(f.ops.regulator).freezeWallet(f.alice.address, ORDER))
        .to.be.revertedWithCustomError(f.registry, "RegistryWalletAlreadyFrozen")
        .withArgs(f.alice.address);
    });
  });

  describe("unfreezeWallet", () => {
    it("lifts the freeze and emits WalletUnfrozen with the order reference", async () => {
      const f = await members();
      const lift = ethers.id("court order 2026-002");
      await f.registry.connect(f.ops.regulator).freezeWallet(f.alice.address, ORDER);
      await expect(f.registry.connect(f.ops.regulator).unfreezeWallet(f.alice.address, lift))
        .to.emit(f.registry, "WalletUnfrozen")
        .withArgs(f.alice.address, lift);
      expect((await record(f, f.alice.address)).frozen).to.equal(false);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("None"));
    });

    it("reveals the participant's standing once lifted", async () => {
      const f = await members();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.alice.address, ORDER);
      await f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON);
      await f.registry.connect(f.ops.regulator).unfreezeWallet(f.alice.address, ORDER);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("Suspended"));
    });

    it("reverts with RegistryWalletNotFrozen for a wallet that is not frozen", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.regulator).unfreezeWallet(f.alice.address, ORDER))
        .to.be.revertedWithCustomError(f.registry, "RegistryWalletNotFrozen")
        .withArgs(f.alice.address);
    });
  });

  describe("registerModule", () => {
    it("registers an eligible custody wallet of kind MODULE and emits ModuleRegistered", async () => {
      const f = await members();
      const module = await f.cash.getAddress();
      await expect(f.registry.connect(f.ops.deployer).registerModule(module))
        .to.emit(f.registry, "ModuleRegistered")
        .withArgs(module, f.ops.deployer.address);
      expect(await f.registry.isModule(module)).to.equal(true);
      expect(await f.registry.eligibility(module)).to.equal(reason("None"));
      expect(await record(f, module)).to.deep.equal({
        participantIndex: 0n,
        status: status("Active"),
        kycExpiry: MAX_UINT40,
        kinds: BigInt(MODULE_KIND),
        frozen: false,
      });
      expect(await f.registry.participantOf(module)).to.equal(ZERO_ID);
      expect(await f.registry.hasKind(module, MODULE_KIND)).to.equal(true);
      expect(await f.registry.isEligibleKind(module, SME)).to.equal(false);
      expect(await f.registry.participantCount()).to.equal(4n);
    });

    it("lets a module be frozen", async () => {
      const f = await members();
      await f.registry.connect(f.ops.deployer).registerModule(addr(9));
      await f.registry.connect(f.ops.regulator).freezeWallet(addr(9), ORDER);
      expect(await f.registry.eligibility(addr(9))).to.equal(reason("Frozen"));
      expect(await f.registry.isModule(addr(9))).to.equal(true);
    });

    it("stays eligible however far time moves (KYC expiry is the maximum uint40)", async () => {
      const f = await members();
      await f.registry.connect(f.ops.deployer).registerModule(addr(9));
      await time.increase(50n * YEAR);
      expect(await f.registry.isEligible(addr(9))).to.equal(true);
    });

    it("reverts with RegistryZeroWallet for the zero address", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.deployer).registerModule(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.registry,
        "RegistryZeroWallet",
      );
    });

    it("reverts with RegistryModuleExists for a module registered twice", async () => {
      const f = await members();
      await f.registry.connect(f.ops.deployer).registerModule(addr(9));
      await expect(f.registry.connect(f.ops.deployer).registerModule(addr(9)))
        .to.be.revertedWithCustomError(f.registry, "RegistryModuleExists")
        .withArgs(addr(9));
    });

    it("reverts with RegistryModuleExists for a participant's wallet", async () => {
      const f = await members();
      await expect(f.registry.connect(f.ops.deployer).registerModule(f.alice.address))
        .to.be.revertedWithCustomError(f.registry, "RegistryModuleExists")
        .withArgs(f.alice.address);
    });
  });

  describe("deregisterModule (issue 13: modules can be removed)", () => {
    it("removes a module: it becomes NotRegistered and can no longer receive cash", async () => {
      const f = await members();
      await f.registry.connect(f.ops.deployer).registerModule(addr(9));
      await expect(f.registry.connect(f.ops.deployer).deregisterModule(addr(9)))
        .to.emit(f.registry, "ModuleDeregistered")
        .withArgs(addr(9), f.ops.deployer.address);
      expect(await f.registry.isModule(addr(9))).to.equal(false);
      expect(await f.registry.eligibility(addr(9))).to.equal(reason("NotRegistered"));
      expect(await f.registry.participantCount()).to.equal(4n);
      await expect(f.cash.connect(f.alice).transfer(addr(9), 1n))
        .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
        .withArgs(addr(9), reason("NotRegistered"));
      // A factory may register it again (a migrated module keeps its address).
      await (await f.registry.connect(f.ops.deployer).registerModule(addr(9))).wait();
      expect(await f.registry.isModule(addr(9))).to.equal(true);
    });

    it("reverts with RegistryNotModule for a participant's wallet or an unknown address, which it leaves alone", async () => {
      const f = await members();
      for (const a of [f.alice.address, addr(9)]) {
        await expect(f.registry.connect(f.ops.deployer).deregisterModule(a))
          .to.be.revertedWithCustomError(f.registry, "RegistryNotModule")
          .withArgs(a);
      }
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("None"));
    });
  });

  describe("eligibility", () => {
    it("answers None for an active participant's wallet with valid KYC", async () => {
      const f = await members();
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("None"));
    });

    it("answers NotRegistered for an unknown wallet", async () => {
      const f = await members();
      expect(await f.registry.eligibility(f.outsider.address)).to.equal(reason("NotRegistered"));
      expect(await f.registry.eligibility(ethers.ZeroAddress)).to.equal(reason("NotRegistered"));
    });

    it("answers Suspended for a suspended participant's wallet", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("Suspended"));
    });

    it("answers Revoked for a revoked participant's wallet", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("Revoked"));
    });

    it("answers None up to the KYC expiry second and KycExpired after it", async () => {
      const f = await members();
      const expiry = (await f.registry.participant(f.aliceId)).kycExpiry;
      await time.increaseTo(expiry - 1n);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("None"));
      await time.increaseTo(expiry);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("None"));
      await time.increaseTo(expiry + 1n);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("KycExpired"));
    });

    it("answers Suspended rather than KycExpired for a suspended participant whose KYC lapsed", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).suspend(f.aliceId, REASON);
      await time.increase(2n * YEAR);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("Suspended"));
    });

    it("answers Frozen for a frozen wallet, before any other reason", async () => {
      const f = await members();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.alice.address, ORDER);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("Frozen"));
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      await time.increase(2n * YEAR);
      expect(await f.registry.eligibility(f.alice.address)).to.equal(reason("Frozen"));
    });
  });

  describe("eligibilityOf", () => {
    it("answers the eligibility of both wallets in order", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).suspend(f.bobId, REASON);
      expect(await f.registry.eligibilityOf(f.alice.address, f.bob.address)).to.deep.equal([
        reason("None"),
        reason("Suspended"),
      ]);
      expect(await f.registry.eligibilityOf(f.outsider.address, f.alice.address)).to.deep.equal([
        reason("NotRegistered"),
        reason("None"),
      ]);
    });
  });

  describe("isEligible", () => {
    it("is true for an eligible wallet and false for each ineligibility", async () => {
      const f = await members();
      await f.registry.connect(f.ops.registrar).suspend(f.bobId, REASON);
      await f.registry.connect(f.ops.regulator).freezeWallet(f.carol.address, ORDER);
      expect(await f.registry.isEligible(f.alice.address)).to.equal(true);
      expect(await f.registry.isEligible(f.bob.address)).to.equal(false);
      expect(await f.registry.isEligible(f.carol.address)).to.equal(false);
      expect(await f.registry.isEligible(f.outsider.address)).to.equal(false);
      await time.increase(2n * YEAR);
      expect(await f.registry.isEligible(f.alice.address)).to.equal(false);
    });
  });

  describe("isEligibleKind", () => {
    it("requires one of the kinds asked for (issue 12, finding 7: a mask is always 'one of')", async () => {
      const f = await members();
      expect(await f.registry.isEligibleKind(f.carol.address, kindsOf("BANK"))).to.equal(true);
      expect(await f.registry.isEligibleKind(f.carol.address, BANK_FACTOR)).to.equal(true);
      // Carol is a bank, not an SME: "BANK or SME" admits her (it refused her when it meant "all of").
      expect(await f.registry.isEligibleKind(f.carol.address, kindsOf("BANK", "SME"))).to.equal(true);
      expect(await f.registry.isEligibleKind(f.carol.address, SME)).to.equal(false);
      expect(await f.registry.isEligibleKind(f.alice.address, kindsOf("BANK"))).to.equal(false);
    });

    it("is false for a wallet of the right kinds that is not eligible", async () => {
      const f = await members();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.carol.address, ORDER);
      await f.registry.connect(f.ops.registrar).suspend(f.bobId, REASON);
      expect(await f.registry.isEligibleKind(f.carol.address, kindsOf("BANK"))).to.equal(false);
      expect(await f.registry.isEligibleKind(f.bob.address, SME)).to.equal(false);
      expect(await f.registry.isEligibleKind(f.outsider.address, 0)).to.equal(false);
    });

    it("is false for the empty kind set (one of nothing)", async () => {
      const f = await members();
      expect(await f.registry.isEligible(f.alice.address)).to.equal(true);
      expect(await f.registry.isEligibleKind(f.alice.address, 0)).to.equal(false);
    });
  });

  describe("hasKind", () => {
    it("is true when the participant has any of the kinds, whatever its status", async () => {
      const f = await members();
      expect(await f.registry.hasKind(f.bob.address, kindsOf("CORE_ENTERPRISE"))).to.equal(true);
      expect(await f.registry.hasKind(f.bob.address, kindsOf("CORE_ENTERPRISE", "BANK"))).to.equal(true);
      expect(await f.registry.hasKind(f.bob.address, kindsOf("BANK", "INVESTOR"))).to.equal(false);
      await f.registry.connect(f.ops.registrar).revoke(f.bobId, REASON);
      expect(await f.registry.hasKind(f.bob.address, SME)).to.equal(true);
    });

    it("is false for an unregistered wallet", async () => {
      const f = await members();
      expect(await f.registry.hasKind(f.outsider.address, ALL_KINDS)).to.equal(false);
    });
  });

  describe("participantOf", () => {
    it("returns the participant of each wallet and zero for an unbound one", async () => {
      const f = await members();
      await aliceWithWallets(f, 1);
      expect(await f.registry.participantOf(f.alice.address)).to.equal(f.aliceId);
      expect(await f.registry.participantOf(addr(1))).to.equal(f.aliceId);
      expect(await f.registry.participantOf(f.carol.address)).to.equal(f.carolId);
      expect(await f.registry.participantOf(f.outsider.address)).to.equal(ZERO_ID);
    });
  });

  describe("walletRecord", () => {
    it("returns the one-slot record of a wallet", async () => {
      const f = await members();
      const p = await f.registry.participant(f.bobId);
      expect(await record(f, f.bob.address)).to.deep.equal({
        participantIndex: 2n,
        status: status("Active"),
        kycExpiry: p.kycExpiry,
        kinds: BigInt(kindsOf("SME", "CORE_ENTERPRISE")),
        frozen: false,
      });
    });

    it("returns an empty record for an unknown wallet", async () => {
      const f = await members();
      expect(await record(f, f.outsider.address)).to.deep.equal({
        participantIndex: 0n,
        status: status("None"),
        kycExpiry: 0n,
        kinds: 0n,
        frozen: false,
      });
    });
  });

  describe("participant", () => {
    it("returns a participant's record and wallets", async () => {
      const f = await members();
      await aliceWithWallets(f, 1);
      const p = await f.registry.participant(f.aliceId);
      expect(p.kinds).to.equal(BigInt(SME));
      expect(p.status).to.equal(status("Active"));
      expect(p.jurisdiction).to.equal(CN);
      expect(p.index).to.equal(1n);
      expect([...p.wallets]).to.deep.equal([f.alice.address, addr(1)]);
    });

    it("returns an empty record for an unknown id", async () => {
      const f = await members();
      const p = await f.registry.participant(pid("NOBODY"));
      expect(p.status).to.equal(status("None"));
      expect(p.index).to.equal(0n);
      expect(p.wallets).to.have.length(0);
    });
  });

  describe("participantCount", () => {
    it("counts every participant ever registered, revoked ones included", async () => {
      const f = await members();
      expect(await f.registry.participantCount()).to.equal(4n);
      await f.registry.connect(f.ops.registrar).revoke(f.aliceId, REASON);
      expect(await f.registry.participantCount()).to.equal(4n);
      await f.register("NEW-ONE", addr(1), "INVESTOR");
      expect(await f.registry.participantCount()).to.equal(5n);
    });
  });

  describe("participantAt", () => {
    it("returns the ids in registration order (1-based)", async () => {
      const f = await members();
      const ids = await Promise.all([1, 2, 3, 4].map((i) => f.registry.participantAt(i)));
      expect(ids).to.deep.equal([f.aliceId, f.bobId, f.carolId, f.bankId]);
    });

    it("panics for index 0 (arithmetic underflow) and past the end (array out of bounds)", async () => {
      const f = await members();
      await expect(f.registry.participantAt(0)).to.be.revertedWithPanic(0x11);
      await expect(f.registry.participantAt(5)).to.be.revertedWithPanic(0x32);
    });
  });

  describe("isModule", () => {
    it("is true only for registered modules", async () => {
      const f = await members();
      await f.registry.connect(f.ops.deployer).registerModule(addr(9));
      expect(await f.registry.isModule(addr(9))).to.equal(true);
      expect(await f.registry.isModule(f.alice.address)).to.equal(false);
      expect(await f.registry.isModule(f.outsider.address)).to.equal(false);
    });
  });

  describeRestrictedFunctions("ParticipantRegistry", members, {
    target: (f: F) => f.registry,
    callers: (f: F) => ({ ...f.ops, outsider: f.outsider }),
    args: {
      "register(bytes32,uint16,uint40,bytes2,address)": () => [pid("X"), SME, MAX_UINT40, CN, addr(1)],
      "setKinds(bytes32,uint16)": (f: F) => [f.aliceId, BANK_FACTOR],
      "renewKyc(bytes32,uint40)": (f: F) => [f.aliceId, MAX_UINT40],
      "setJurisdiction(bytes32,bytes2)": (f: F) => [f.aliceId, HK],
      "suspend(bytes32,bytes32)": (f: F) => [f.aliceId, REASON],
      "reinstate(bytes32)": (f: F) => [f.aliceId],
      "revoke(bytes32,bytes32)": (f: F) => [f.aliceId, REASON],
      "addWallet(bytes32,address)": (f: F) => [f.aliceId, addr(1)],
      "removeWallet(bytes32,address)": (f: F) => [f.aliceId, f.alice.address],
      "freezeWallet(address,bytes32)": (f: F) => [f.alice.address, ORDER],
      "unfreezeWallet(address,bytes32)": (f: F) => [f.alice.address, ORDER],
      "registerModule(address)": () => [addr(9)],
      "deregisterModule(address)": () => [addr(9)],
    },
  });
});
