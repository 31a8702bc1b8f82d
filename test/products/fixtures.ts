import { connection } from "../helpers/fixtures.js";
import { deployProductsOn } from "../helpers/products.js";

/** The products deployment with six investors (shared by the products tests through loadFixture). */
export async function productsFixture() {
  return deployProductsOn(connection, 6);
}

/**
 * A single-tranche product of two fragments (600,000.00 + 400,000.00), approved, rated and listed
 * with a cap of 1,000,000.00 at 100.00 a share, min raise 500,000.00, exchange fee 1%, servicing 0.5%;
 * time at the window's opening.
 */
export async function listedFixture() {
  const p = await productsFixture();
  const ids = [await p.fragment(600_000_00n), await p.fragment(400_000_00n)];
  const { product, tokens, address } = await p.create(ids, {
    seniorBps: 10_000,
    seniorRateBps: 0,
    servicingFeeBps: 50,
  });
  const listing = await p.listingFor(1_000_000_00n, { exchangeFeeBps: 100 });
  await p.approveRateList(product, listing);
  return { ...p, ids, product, tokens, address, listing };
}
