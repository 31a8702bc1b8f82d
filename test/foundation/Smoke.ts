import { expect } from "chai";

import { connection, foundationWithMembers } from "../helpers/fixtures.js";

describe("Smoke", () => {
  it("deploys the foundation and moves cash between members", async () => {
    const f = await connection.networkHelpers.loadFixture(foundationWithMembers);
    await expect(f.cash.connect(f.alice).transfer(f.bob.address, 100n)).to.changeTokenBalances(
      connection.ethers,
      f.cash,
      [f.alice, f.bob],
      [-100n, 100n],
    );
    await expect(f.cash.connect(f.alice).transfer(f.outsider.address, 1n))
      .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
      .withArgs(f.outsider.address, 1);
  });
});
