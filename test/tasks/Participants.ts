import { expect } from "chai";

import { participantId } from "../../src/areas/registry.js";
import { deployedSuite, ethers, failure, networkHelpers, run } from "./helpers.js";
import { connect } from "../../src/index.js";

async function fixture() {
  const f = await deployedSuite();
  const suite = connect(f.addresses, ethers.provider);
  return { ...f, suite };
}

const ACME = participantId("91310000ACME00001X");
const register = (extra: Record<string, unknown> = {}) =>
  run(["participants", "register"], { participant: "acme", kinds: "SME,factor", kycExpiry: "2099-12-31", ...extra });

describe("Tasks: participants", () => {
  describe("register", () => {
    it("registers a participant named in the address book and prints the tx and the record", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const { result, out } = await register();
      expect(result).to.match(/^0x[0-9a-f]{64}$/);
      expect(out).to.contain(`register acme (91310000ACME00001X): tx ${result}`);
      expect(out).to.contain("status Active, kinds SME+FACTOR, KYC until 2099-12-31, jurisdiction CN");
      const p = await f.suite.registry.participant(ACME);
      expect(p?.status).to.equal("Active");
      expect(p?.kinds).to.deep.equal(["SME", "FACTOR"]);
      expect(p?.wallets).to.deep.equal([f.acme.address]);
      expect(p?.kycExpiry).to.equal(4102358400n);
    });

    it("validates every input before sending: kinds, dates, jurisdiction, duplicates", async () => {
      await networkHelpers.loadFixture(fixture);
      const block = await ethers.provider.getBlockNumber();
      expect(
        await failure(["participants", "register"], {
          participant: "acme",
          kinds: "SME,UNICORN",
          kycExpiry: "2099-01-01",
        }),
      )
        .to.contain("--kinds: is not a kind; use one of CORE_ENTERPRISE")
        .and.contain("no transaction sent");
      expect(
        await failure(["participants", "register"], { participant: "acme", kinds: "SME", kycExpiry: "2027-02-30" }),
      )
        .to.contain("--kyc-expiry: is not a valid calendar date/time")
        .and.contain("no transaction sent");
      expect(
        await failure(["participants", "register"], { participant: "acme", kinds: "SME", kycExpiry: "2001-01-01" }),
      ).to.match(/--kyc-expiry: 2001-01-01 is not after the chain's time .*; no transaction sent/);
      expect(
        await failure(["participants", "register"], {
          participant: "acme",
          kinds: "SME",
          kycExpiry: "2099-01-01",
          jurisdiction: "CHN",
        }),
      ).to.contain("--jurisdiction: is not a two-letter country code like CN");
      expect(
        await failure(["participants", "register"], { participant: "", kinds: "SME", kycExpiry: "2099-01-01" }),
      ).to.equal("--participant is required; no transaction sent");
      expect(
        await failure(["participants", "register"], { participant: "nobody", kinds: "SME", kycExpiry: "2099-01-01" }),
      ).to.contain("--wallet is required");
      expect(await ethers.provider.getBlockNumber()).to.equal(block);
      await register();
      expect(
        await failure(["participants", "register"], { participant: "acme", kinds: "SME", kycExpiry: "2099-01-01" }),
      ).to.equal(`acme (91310000ACME00001X) is already registered (id ${ACME}); no transaction sent`);
      expect(
        await failure(["participants", "register"], {
          participant: "tier1",
          wallet: "acme",
          kinds: "SME",
          kycExpiry: "2099-01-01",
        }),
      ).to.contain(`already belongs to participant ${ACME}; no transaction sent`);
    });

    it("--dry-run simulates and sends nothing", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      const block = await ethers.provider.getBlockNumber();
      const { result, out } = await register({ dryRun: true });
      expect(result).to.equal(undefined);
      expect(out).to.match(
        /dry run: register acme \(91310000ACME00001X\) would succeed \(gas \d+\); no transaction sent/,
      );
      expect(await f.suite.registry.participant(ACME)).to.equal(undefined);
      expect(await ethers.provider.getBlockNumber()).to.equal(block);
    });

    it("refuses a --from account that lacks the registrar role", async () => {
      await networkHelpers.loadFixture(fixture);
      expect(
        await failure(["participants", "register"], {
          participant: "acme",
          kinds: "SME",
          kycExpiry: "2099-01-01",
          from: "bank",
        }),
      ).to.match(/--from: bank \(0x[0-9a-fA-F]{40}\) does not hold role REGISTRAR; no transaction sent/);
    });
  });

  describe("add-wallet, suspend, reinstate, list", () => {
    it("binds a wallet, suspends, reinstates and lists with names and cash", async () => {
      const f = await networkHelpers.loadFixture(fixture);
      await register();
      await run(["participants", "add-wallet"], { participant: "acme", wallet: f.spare.address });
      expect((await f.suite.registry.participant(ACME))?.wallets).to.deep.equal([f.acme.address, f.spare.address]);
      expect(await failure(["participants", "add-wallet"], { participant: "acme", wallet: "spare-ish" })).to.contain(
        '--wallet: "spare-ish" is neither a 0x address nor a name in the address book',
      );

      const s = await run(["participants", "suspend"], { participant: "acme", reason: "KYC review" });
      expect(s.out).to.contain("status Suspended");
      expect(await f.suite.registry.eligibility(f.acme.address)).to.equal("Suspended");
      expect(await failure(["participants", "suspend"], { participant: "acme", reason: "again" })).to.equal(
        "acme (91310000ACME00001X) is Suspended, not Active; no transaction sent",
      );
      expect(await failure(["participants", "suspend"], { participant: "tier1", reason: "x".repeat(32) })).to.contain(
        "--reason: is longer than 31 bytes",
      );

      await run(["participants", "reinstate"], { participant: "acme" });
      expect(await f.suite.registry.eligibility(f.acme.address)).to.equal("None");
      expect(await failure(["participants", "reinstate"], { participant: "acme" })).to.equal(
        "acme (91310000ACME00001X) is Active, not Suspended; no transaction sent",
      );

      const { result, out } = await run(["participants", "list"]);
      expect((result as unknown[]).length).to.equal(1);
      expect(out).to.match(/1\s+acme\s+0x[0-9a-f]{8}…\s+SME\+FACTOR\s+Active\s+2099-12-31\s+acme acme\s+0\.00/);
    });
  });

  describe("deployment", () => {
    it("names an unknown deployment id", async () => {
      await networkHelpers.loadFixture(fixture);
      expect(await failure(["participants", "list"], { deploymentId: "nope" })).to.contain(
        'deployment "nope" not found',
      );
    });
  });
});
