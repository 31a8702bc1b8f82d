import { expect } from "chai";

import SuiteModule from "../../ignition/modules/Suite.js";
import { Kinds, MODULE_KIND, type KindName } from "../../src/kinds.js";
import { Roles, SENSITIVE_ROLES, type RoleName } from "../../src/roles.js";
import { selector, WIRING, wiringOf } from "../../src/wiring.js";
import { CALLERS, ROLE_HOLDERS } from "../helpers/access.js";
import { deployFoundationOn } from "../helpers/foundation.js";
import {
  connection,
  DAY,
  deployFoundation,
  ethers,
  foundationWithGrantDelay,
  foundationWithMembers,
  GRANT_DELAY,
  networkHelpers,
} from "../helpers/fixtures.js";

const { loadFixture, time } = networkHelpers;

const ROLE_NAMES = Object.keys(Roles) as RoleName[];
const KIND_NAMES = Object.keys(Kinds) as KindName[];

async function rolesProbe() {
  return ethers.deployContract("RolesProbe");
}

/** The names of a contract's functions, from its ABI. */
function functionNames(contract: { interface: { forEachFunction(cb: (fn: { name: string }) => void): void } }) {
  const names: string[] = [];
  contract.interface.forEachFunction((fn) => names.push(fn.name));
  return names;
}

/** The whole Suite deployed through Ignition. */
async function deploySuite() {
  return deployFoundationOn(connection, { module: SuiteModule });
}

/** The Suite's deployed targets, by contract name (every contract of src/wiring.ts). */
async function foundationTargets() {
  const f = await loadFixture(deploySuite);
  const d = f.deployed as unknown as Record<string, { getAddress(): Promise<string> }>;
  const targets: Record<string, string> = {
    ParticipantRegistry: await f.registry.getAddress(),
    SettlementToken: await f.cash.getAddress(),
    ReceivableToken: await d.receivables.getAddress(),
    BondFactory: await d.bondFactory.getAddress(),
    ProductFactory: await d.productFactory.getAddress(),
    FactoringMarket: await d.market.getAddress(),
  };
  return { f, targets };
}

describe("Wiring", () => {
  describe("src/wiring.ts", () => {
    for (const contract of Object.keys(WIRING)) {
      for (const entry of wiringOf(contract)) {
        for (const [i, signature] of entry.signatures.entries()) {
          it(`${contract}.${signature} is a function of the contract's ABI`, async () => {
            const { interface: abi } = await ethers.getContractAt(contract, ethers.ZeroAddress);
            const fragment = abi.getFunction(signature);
            expect(fragment, `${signature} not in ${contract}'s ABI`).to.not.equal(null);
            expect(fragment!.format("sighash")).to.equal(signature);
            expect(fragment!.selector).to.equal(entry.selectors[i]).and.to.equal(selector(signature));
          });
        }
      }
    }

    it("has a deployed Suite target for every contract it wires", async () => {
      const { targets } = await foundationTargets();
      expect(Object.keys(targets).sort()).to.deep.equal(Object.keys(WIRING).sort());
    });

    for (const contract of Object.keys(WIRING)) {
      for (const entry of wiringOf(contract)) {
        for (const [i, signature] of entry.signatures.entries()) {
          it(`the Suite wires ${contract}.${signature} to ${entry.role} (${entry.roleId})`, async () => {
            const { f, targets } = await foundationTargets();
            expect(await f.manager.getTargetFunctionRole(targets[contract], entry.selectors[i])).to.equal(entry.roleId);
          });
        }
      }
    }

    it("lists each signature of a contract once", () => {
      for (const contract of Object.keys(WIRING)) {
        const all = wiringOf(contract).flatMap((e) => e.signatures);
        expect(new Set(all).size, contract).to.equal(all.length);
      }
    });

    it("leaves the contracts' unrestricted functions on the ADMIN role (never wired)", async () => {
      const { f, targets } = await foundationTargets();
      const open = [
        [targets.ParticipantRegistry, "eligibility(address)"],
        [targets.SettlementToken, "transfer(address,uint256)"],
        [targets.SettlementToken, "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"],
      ] as const;
      for (const [target, signature] of open) {
        expect(await f.manager.getTargetFunctionRole(target, selector(signature))).to.equal(Roles.ADMIN);
      }
    });

    it("makes the deployment's AccessManager the authority of the registry and the token", async () => {
      const { f } = await foundationTargets();
      const manager = await f.manager.getAddress();
      expect(await f.registry.authority()).to.equal(manager);
      expect(await f.cash.authority()).to.equal(manager);
      expect(await f.manager.isTargetClosed(await f.registry.getAddress())).to.equal(false);
      expect(await f.manager.isTargetClosed(await f.cash.getAddress())).to.equal(false);
    });
  });

  describe("role grants", () => {
    for (const role of ROLE_NAMES) {
      it(`grants ${role} to exactly ${ROLE_HOLDERS[role].join(", ")} with no execution delay`, async () => {
        const f = await loadFixture(foundationWithMembers);
        const signers = { ...f.ops, outsider: f.outsider };
        for (const caller of CALLERS) {
          const [isMember, executionDelay] = await f.manager.hasRole(Roles[role], signers[caller].address);
          expect(isMember, `${caller} holds ${role}`).to.equal(ROLE_HOLDERS[role].includes(caller));
          expect(executionDelay).to.equal(0n);
        }
      });
    }
  });

  describe("module registration after the Suite's deployment (issue 13)", () => {
    it("the deployer gives up MODULE_FACTORY: only the factories register modules", async () => {
      const { f, targets } = await foundationTargets();
      expect((await f.manager.hasRole(Roles.MODULE_FACTORY, f.ops.deployer.address))[0]).to.equal(false);
      for (const factory of [targets.BondFactory, targets.ProductFactory]) {
        expect((await f.manager.hasRole(Roles.MODULE_FACTORY, factory))[0]).to.equal(true);
      }
      const stranger = ethers.Wallet.createRandom().address;
      await expect(f.registry.connect(f.ops.deployer).registerModule(stranger))
        .to.be.revertedWithCustomError(f.registry, "AccessManagedUnauthorized")
        .withArgs(f.ops.deployer.address);
      // Every suite contract was registered before the renunciation.
      for (const c of ["ReceivableToken", "FactoringMarket", "ProductFactory"]) {
        expect(await f.registry.isModule(targets[c]), c).to.equal(true);
      }
    });
  });

  describe("forced transfers are scheduled, freezes immediate (issue 13)", () => {
    const DELAY = 2n * DAY;
    const ORDER = ethers.id("court order 2026-201");

    async function delayed() {
      const f = await deployFoundationOn(connection, { forcedTransferDelay: DELAY });
      const [alice, bob] = f.signers.slice(8, 10);
      await f.register("ALICE", alice, "SME");
      await f.register("BOB", bob, "BANK");
      await f.fund(alice, 1_000_00n);
      const target = await f.cash.getAddress();
      const data = f.cash.interface.encodeFunctionData("forcedTransfer", [alice.address, bob.address, 400_00n, ORDER]);
      return { ...f, alice, bob, target, data };
    }

    it("refuses an unscheduled transfer, shows a scheduled one with its time, executes it only after the delay", async () => {
      const f = await loadFixture(delayed);
      const regulator = f.ops.regulator;
      expect(await f.manager.hasRole(Roles.FORCED_TRANSFER, regulator.address)).to.deep.equal([true, DELAY]);
      const opId = await f.manager.hashOperation(regulator.address, f.target, f.data);
      await expect(f.cash.connect(regulator).forcedTransfer(f.alice.address, f.bob.address, 400_00n, ORDER))
        .to.be.revertedWithCustomError(f.manager, "AccessManagerNotScheduled")
        .withArgs(opId);
      const tx = await f.manager.connect(regulator).schedule(f.target, f.data, 0);
      const at = BigInt((await ethers.provider.getBlock((await tx.wait())!.blockNumber))!.timestamp);
      await expect(tx)
        .to.emit(f.manager, "OperationScheduled")
        .withArgs(opId, 1n, at + DELAY, regulator.address, f.target, f.data);
      expect(await f.manager.getSchedule(opId)).to.equal(at + DELAY);
      // A freeze needs no schedule: it takes effect at once.
      await (await f.registry.connect(regulator).freezeWallet(f.alice.address, ORDER)).wait();
      expect(await f.registry.eligibility(f.alice.address)).to.not.equal(0n);
      await expect(f.manager.connect(regulator).execute(f.target, f.data))
        .to.be.revertedWithCustomError(f.manager, "AccessManagerNotReady")
        .withArgs(opId);
      await time.increaseTo(at + DELAY);
      await expect(f.manager.connect(regulator).execute(f.target, f.data))
        .to.emit(f.cash, "ForcedTransfer")
        .withArgs(f.alice.address, f.bob.address, 400_00n, ORDER);
      expect(await f.cash.balanceOf(f.bob.address)).to.equal(400_00n);
      expect(await f.cash.balanceOf(f.alice.address)).to.equal(600_00n);
    });

    it("a scheduled transfer can be cancelled, and then never executes", async () => {
      const f = await loadFixture(delayed);
      const regulator = f.ops.regulator;
      await (await f.manager.connect(regulator).schedule(f.target, f.data, 0)).wait();
      const opId = await f.manager.hashOperation(regulator.address, f.target, f.data);
      await expect(f.manager.connect(regulator).cancel(regulator.address, f.target, f.data))
        .to.emit(f.manager, "OperationCanceled")
        .withArgs(opId, 1n);
      await time.increase(DELAY);
      await expect(f.manager.connect(regulator).execute(f.target, f.data))
        .to.be.revertedWithCustomError(f.manager, "AccessManagerNotScheduled")
        .withArgs(opId);
      expect(await f.cash.balanceOf(f.alice.address)).to.equal(1_000_00n);
    });

    it("nobody but a holder of FORCED_TRANSFER can schedule one", async () => {
      const f = await loadFixture(delayed);
      for (const who of [f.ops.registrar, f.ops.guardian, f.alice]) {
        await expect(f.manager.connect(who).schedule(f.target, f.data, 0))
          .to.be.revertedWithCustomError(f.manager, "AccessManagerUnauthorizedCall")
          .withArgs(who.address, f.target, f.cash.interface.getFunction("forcedTransfer")!.selector);
      }
    });
  });

  describe("role labels (issue 13: names on chain)", () => {
    it("labels every role but ADMIN with its name, so explorers and integrators read names", async () => {
      const f = await loadFixture(deployFoundation);
      const events = await f.manager.queryFilter(f.manager.filters.RoleLabel());
      const labels = Object.fromEntries(events.map((e) => [String(e.args.roleId), e.args.label]));
      const expected = Object.fromEntries(ROLE_NAMES.filter((r) => r !== "ADMIN").map((r) => [String(Roles[r]), r]));
      expect(labels).to.deep.equal(expected);
      await expect(f.manager.connect(f.ops.deployer).labelRole(Roles.ADMIN, "ADMIN")).to.be.revertedWithCustomError(
        f.manager,
        "AccessManagerLockedRole",
      );
    });
  });

  describe("grant delay", () => {
    it("sets the grant delay of the sensitive roles once OpenZeppelin's setback has passed", async () => {
      const f = await loadFixture(foundationWithGrantDelay);
      const setback = await f.manager.minSetback();
      expect(setback).to.equal(5n * DAY);
      for (const role of ROLE_NAMES) expect(await f.manager.getRoleGrantDelay(Roles[role]), role).to.equal(0n);

      await time.increase(setback);
      for (const role of ROLE_NAMES) {
        const expected = SENSITIVE_ROLES.includes(role) ? GRANT_DELAY : 0n;
        expect(await f.manager.getRoleGrantDelay(Roles[role]), role).to.equal(expected);
      }
    });

    it("makes a new grant of a sensitive role wait for the delay", async () => {
      const f = await loadFixture(foundationWithGrantDelay);
      await time.increase(await f.manager.minSetback());
      const newcomer = f.signers[12].address;
      await f.manager.connect(f.ops.deployer).grantRole(Roles.REGISTRAR, newcomer, 0);
      expect((await f.manager.hasRole(Roles.REGISTRAR, newcomer))[0]).to.equal(false);
      await time.increase(GRANT_DELAY);
      expect((await f.manager.hasRole(Roles.REGISTRAR, newcomer))[0]).to.equal(true);
    });

    it("grants a non-sensitive role at once", async () => {
      const f = await loadFixture(foundationWithGrantDelay);
      await time.increase(await f.manager.minSetback());
      const newcomer = f.signers[12].address;
      await f.manager.connect(f.ops.deployer).grantRole(Roles.GUARDIAN, newcomer, 0);
      expect((await f.manager.hasRole(Roles.GUARDIAN, newcomer))[0]).to.equal(true);
    });

    it("leaves every grant delay at zero with the test parameters", async () => {
      const f = await loadFixture(deployFoundation);
      await time.increase(await f.manager.minSetback());
      for (const role of ROLE_NAMES) expect(await f.manager.getRoleGrantDelay(Roles[role]), role).to.equal(0n);
    });
  });

  describe("src/roles.ts", () => {
    it("equals the Roles library, role for role", async () => {
      const probe = await loadFixture(rolesProbe);
      for (const role of ROLE_NAMES) {
        expect(await probe.getFunction(role)(), role).to.equal(Roles[role]);
      }
      const solidityRoles = functionNames(probe).filter((name) => !name.startsWith("KIND_"));
      expect(solidityRoles.sort()).to.deep.equal([...ROLE_NAMES].sort());
    });

    it("names only roles of the Roles library as sensitive", () => {
      for (const role of SENSITIVE_ROLES) expect(ROLE_NAMES).to.include(role);
    });
  });

  describe("src/kinds.ts", () => {
    it("equals the Kinds library, kind for kind", async () => {
      const probe = await loadFixture(rolesProbe);
      for (const kind of KIND_NAMES) {
        expect(await probe.getFunction(`KIND_${kind}`)(), kind).to.equal(BigInt(Kinds[kind]));
      }
      const solidityKinds = functionNames(probe)
        .filter((name) => name.startsWith("KIND_") && name !== "KIND_ALL" && name !== "KIND_MODULE")
        .map((name) => name.slice("KIND_".length));
      expect(solidityKinds.sort()).to.deep.equal([...KIND_NAMES].sort());
    });

    it("has MODULE_KIND equal to Kinds.MODULE and outside Kinds.ALL, which is every kind", async () => {
      const probe = await loadFixture(rolesProbe);
      const all = KIND_NAMES.reduce((acc, k) => acc | Kinds[k], 0);
      expect(await probe.KIND_ALL()).to.equal(BigInt(all));
      expect(await probe.KIND_MODULE()).to.equal(BigInt(MODULE_KIND));
      expect(all & MODULE_KIND).to.equal(0);
    });
  });
});
