import { deployFoundationOn } from "../../test/helpers/foundation.js";
import type { BenchContext } from "../harness.js";

/** Baselines (plain OpenZeppelin v5 tokens) and the foundation's scenarios. */
export default async function foundation({ conn, measure }: BenchContext) {
  const { ethers } = conn;
  const f = await deployFoundationOn(conn);
  const [a, b, c, d, e] = f.signers.slice(7, 12);

  // Baselines, compiled in the same run.
  const erc20 = await ethers.deployContract("BaselineERC20");
  await (await erc20.mint(a.address, 1_000_000n)).wait();
  await (await erc20.mint(b.address, 1_000_000n)).wait();
  await measure(
    "baseline.erc20.transfer",
    "OZ ERC20 transfer, recipient already holds",
    erc20.connect(a).transfer(b.address, 1_000n),
  );
  await measure(
    "baseline.erc20.transferNew",
    "OZ ERC20 transfer to an empty account",
    erc20.connect(a).transfer(c.address, 1_000n),
  );
  const erc721 = await ethers.deployContract("BaselineERC721");
  await (await erc721.mint(a.address, 1n)).wait();
  await (await erc721.mint(a.address, 2n)).wait();
  await (await erc721.mint(b.address, 3n)).wait();
  await measure(
    "baseline.erc721.transferFrom",
    "OZ ERC721 transferFrom, recipient already holds",
    erc721.connect(a).transferFrom(a.address, b.address, 1n),
  );
  await measure("baseline.erc721.mint", "OZ ERC721 _mint to an account that already holds", erc721.mint(b.address, 4n));

  // Registry.
  await measure(
    "registry.register",
    "register one participant with one wallet",
    f.registry
      .connect(f.ops.registrar)
      .register(ethers.id("BENCH-A"), 2, (await f.latest()) + 10n ** 8n, "0x434e", a.address),
  );
  await f.register("BENCH-B", b, "SME");
  await f.register("BENCH-C", c, "SME");
  await f.register("BENCH-D", d, "SME");
  await f.register("BANK", f.ops.settlementBank, "BANK");

  // Cash.
  await f.fund(a, 1_000_000_00n);
  await f.fund(b, 1_000_000_00n);
  await measure(
    "cash.mint",
    "settlement bank mints to a wallet that already holds",
    f.cash.connect(f.ops.settlementBank).mint(a.address, 1_000_00n),
  );
  await measure(
    "cash.transfer",
    "eligible transfer, recipient already holds",
    f.cash.connect(a).transfer(b.address, 1_000_00n),
  );
  await measure(
    "cash.transferNew",
    "eligible transfer to an empty wallet",
    f.cash.connect(a).transfer(c.address, 1_000_00n),
  );

  // Permit (ERC-2612): d signs, e submits.
  await f.register("BENCH-E", e, "SME");
  const deadline = (await f.latest()) + 3600n;
  const domain = {
    name: await f.cash.name(),
    version: "1",
    chainId: (await ethers.provider.getNetwork()).chainId,
    verifyingContract: await f.cash.getAddress(),
  };
  const types = {
    Permit: [
      { name: "owner", type: "address" },
      { name: "spender", type: "address" },
      { name: "value", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  };
  const value = 5_000_00n;
  const sig = ethers.Signature.from(
    await d.signTypedData(domain, types, { owner: d.address, spender: e.address, value, nonce: 0n, deadline }),
  );
  await measure(
    "cash.permit",
    "ERC-2612 permit submitted by the spender",
    f.cash.connect(e).permit(d.address, e.address, value, deadline, sig.v, sig.r, sig.s),
  );
}
