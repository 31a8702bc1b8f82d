#!/usr/bin/env node
// An integrator's script: uses ONLY the built package (`scf-suite`, resolved through package.json
// "exports"; run `npm run build:sdk` first) and plain ethers v6. It connects to a running node,
// reads the registry, registers two fresh wallets that hold no ether, has the settlement bank mint
// cash to one of them and that wallet pay the other — free gas, `gasPrice: 0n` set by the SDK —
// then the core enterprise issues the SME a confirmed payable, the SME lists it on the factoring
// market at a discount rate, and the SDK's quote is checked against the contract's.
//
//   SCF_RPC_URL          node URL (default http://127.0.0.1:8545)
//   SCF_DEPLOYMENT       deployed_addresses.json (default ignition/deployments/local-dev/...)
//   SCF_REGISTRAR_KEY    registrar's key (default: Hardhat/anvil test account #1)
//   SCF_BANK_KEY         settlement bank's key (default: Hardhat/anvil test account #2)
import { readFileSync } from "node:fs";

import { JsonRpcProvider, Wallet } from "ethers";
import { connect, explainError, formatDate, formatTokenId } from "scf-suite";

// Well-known Hardhat/anvil test keys (accounts #1 and #2): local chains only.
const TEST_REGISTRAR = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const TEST_BANK = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

const url = process.env.SCF_RPC_URL ?? "http://127.0.0.1:8545";
const file = process.env.SCF_DEPLOYMENT ?? "ignition/deployments/local-dev/deployed_addresses.json";
const deployment = JSON.parse(readFileSync(file, "utf8"));
const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, pollingInterval: 250 });

const registrar = connect(deployment, new Wallet(process.env.SCF_REGISTRAR_KEY ?? TEST_REGISTRAR, provider));
const bank = connect(deployment, new Wallet(process.env.SCF_BANK_KEY ?? TEST_BANK, provider));

try {
  const before = await registrar.registry.list();
  console.log(`registry ${registrar.addresses.registry}: ${before.length} participant(s)`);

  // Two new members whose wallets have never held ether.
  const payer = Wallet.createRandom(provider);
  const payee = Wallet.createRandom(provider);
  const now = (await provider.getBlock("latest")).timestamp;
  const kycExpiry = formatDate(now + 365 * 24 * 3600);
  for (const [code, w, kinds] of [
    [`EXAMPLE-PAYER-${payer.address}`, payer, ["SME"]],
    [`EXAMPLE-PAYEE-${payee.address}`, payee, ["CORE_ENTERPRISE"]],
  ]) {
    const tx = await registrar.registry.register({ code, kinds, kycExpiry, jurisdiction: "CN", wallet: w.address });
    await tx.wait();
    console.log(`registered ${w.address} as ${kinds.join("+")} (tx ${tx.hash}, gasPrice ${tx.gasPrice})`);
  }

  await (await bank.cash.mint(payer.address, "1000.00")).wait();
  const payerSuite = connect(deployment, payer);
  const tx = await payerSuite.cash.transfer(payee.address, "250.25");
  await tx.wait();
  const [a, b, eth] = await Promise.all([
    payerSuite.cash.balanceOf(payer.address),
    payerSuite.cash.balanceOf(payee.address),
    provider.getBalance(payer.address),
  ]);
  console.log(`payer paid 250.25 (tx ${tx.hash}, gasPrice ${tx.gasPrice}); ether balance ${eth}`);
  console.log(`balances: payer ${payerSuite.cash.format(a)}, payee ${payerSuite.cash.format(b)}`);
  if (a !== 74975n || b !== 25025n || eth !== 0n) throw new Error("unexpected balances");

  // A payment to a wallet outside the registry is refused; the SDK decodes why.
  try {
    await payerSuite.cash.contract.transfer.staticCall(Wallet.createRandom().address, 1n);
    throw new Error("a transfer to an unregistered wallet did not revert");
  } catch (e) {
    console.log(`refused as expected: ${explainError(e)}`);
  }
  console.log(`registry now: ${(await registrar.registry.list()).length} participant(s)`);

  // The payee (core enterprise) owes the payer (SME) 500.00 in 90 days; the SME lists the payable.
  const payeeSuite = connect(deployment, payee);
  const dueTs = now + 90 * 86400;
  const invoice = `EXAMPLE-INV-${payer.address.slice(2, 10)}`;
  const rootId = await payeeSuite.receivables.fingerprint(invoice, payer.address, payee.address);
  const issued = await payeeSuite.receivables.issuePayable(payer.address, {
    amount: "500.00",
    dueDate: formatDate(dueTs - (dueTs % 86400)),
    invoiceNumber: invoice,
  });
  await issued.wait();
  const listTx = await payerSuite.market.list({
    tokenId: rootId << 32n,
    rate: "4.35%",
    expiry: formatDate(now + 30 * 86400),
  });
  const receipt = await listTx.wait();
  const listed = receipt.logs
    .map((l) => {
      try {
        return payerSuite.market.contract.interface.parseLog(l);
      } catch {
        return null;
      }
    })
    .find((e) => e?.name === "Listed");
  const listingId = listed.args.listingId;
  const [quote, onChain] = await Promise.all([
    payerSuite.market.quote(listingId),
    payerSuite.market.contract.quote(listingId),
  ]);
  console.log(
    `listed payable ${formatTokenId(rootId << 32n)} as #${listingId} at 4.35% ACT/360: ${quote.days} days, price ${payerSuite.cash.format(quote.price)} (contract ${payerSuite.cash.format(onChain)})`,
  );
  if (quote.price !== onChain) throw new Error("the SDK's quote differs from the contract's");
  console.log(`bonds: ${(await registrar.bonds.list()).length}, products: ${(await registrar.products.list()).length}`);
} finally {
  provider.destroy();
}
