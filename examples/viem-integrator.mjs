#!/usr/bin/env node
// examples/integrator.mjs with viem 2.x instead of ethers: uses ONLY the built package's
// `scf-suite/viem` (the free-gas chain, typed ABIs, constants, the errors ABI; run `npm run build:sdk`
// first) and viem. It reads the registry, registers two fresh wallets that hold no ether, has the
// settlement bank mint cash to one of them and that wallet pay the other — free gas, `gasPrice: 0n`
// set by the chain helper — decodes a refused payment and an error raised inside a called contract,
// then the core enterprise issues the SME a confirmed payable, the SME lists it on the factoring
// market at a discount rate, and the SDK's price is checked against the contract's quote.
//
//   SCF_RPC_URL          node URL (default http://127.0.0.1:8545)
//   SCF_CHAIN_ID         chain id (default 1337)
//   SCF_DEPLOYMENT       deployed_addresses.json (default ignition/deployments/local-dev/...)
//   SCF_REGISTRAR_KEY    registrar's key (default: Hardhat/anvil test account #1)
//   SCF_BANK_KEY         settlement bank's key (default: Hardhat/anvil test account #2)
import { readFileSync } from "node:fs";

import {
  consortiumClients,
  decodeSuiteError,
  discountPrice,
  ENUMS,
  FactoringMarketAbi,
  formatAmount,
  formatDate,
  KINDS,
  parseAmount,
  parseBps,
  parseJurisdiction,
  ParticipantRegistryAbi,
  ReceivableTokenAbi,
  resolveAddresses,
  SettlementTokenAbi,
} from "scf-suite/viem";
import { keccak256, nonceManager, parseEventLogs, stringToHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

// Well-known Hardhat/anvil test keys (accounts #1 and #2): local chains only.
const TEST_REGISTRAR = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const TEST_BANK = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

const rpcUrl = process.env.SCF_RPC_URL ?? "http://127.0.0.1:8545";
const chainId = Number(process.env.SCF_CHAIN_ID ?? 1337);
const file = process.env.SCF_DEPLOYMENT ?? "ignition/deployments/local-dev/deployed_addresses.json";
const a = resolveAddresses(JSON.parse(readFileSync(file, "utf8")));
const clientsOf = (key) =>
  consortiumClients({ rpcUrl, chainId, account: privateKeyToAccount(key, { nonceManager }), pollingInterval: 250 });

const { publicClient, walletClient: registrar } = clientsOf(process.env.SCF_REGISTRAR_KEY ?? TEST_REGISTRAR);
const { walletClient: bank } = clientsOf(process.env.SCF_BANK_KEY ?? TEST_BANK);
const mined = async (hash) => {
  const r = await publicClient.waitForTransactionReceipt({ hash });
  if (r.status !== "success") throw new Error(`${hash} reverted`);
  return r;
};
const read = (address, abi, functionName, args = []) => publicClient.readContract({ address, abi, functionName, args });

const before = await read(a.registry, ParticipantRegistryAbi, "participantCount");
console.log(`registry ${a.registry}: ${before} participant(s)`);

// Two new members whose wallets have never held ether.
const payerKey = generatePrivateKey();
const payeeKey = generatePrivateKey();
const payer = clientsOf(payerKey).walletClient;
const payee = clientsOf(payeeKey).walletClient;
const now = (await publicClient.getBlock()).timestamp;
const kycExpiry = now + 365n * 86400n;
const registered = [];
for (const [code, w, kinds] of [
  [`EXAMPLE-PAYER-${payer.account.address}`, payer, ["SME"]],
  [`EXAMPLE-PAYEE-${payee.account.address}`, payee, ["CORE_ENTERPRISE"]],
]) {
  const bits = kinds.reduce((acc, k) => acc | KINDS[k], 0);
  const hash = await registrar.writeContract({
    address: a.registry,
    abi: ParticipantRegistryAbi,
    functionName: "register",
    args: [keccak256(stringToHex(code)), bits, Number(kycExpiry), parseJurisdiction("CN"), w.account.address],
  });
  registered.push([hash, w, kinds]);
}
for (const [hash, w, kinds] of registered) {
  await mined(hash);
  const tx = await publicClient.getTransaction({ hash });
  console.log(
    `registered ${w.account.address} as ${kinds.join("+")} (tx ${hash}, ${tx.type}, gasPrice ${tx.gasPrice})`,
  );
}

const cash = (w, functionName, args) =>
  w.writeContract({ address: a.cash, abi: SettlementTokenAbi, functionName, args });
await mined(await cash(bank, "mint", [payer.account.address, parseAmount("1000.00")]));
const paid = await cash(payer, "transfer", [payee.account.address, parseAmount("250.25")]);
await mined(paid);
const [balA, balB, eth] = await Promise.all([
  read(a.cash, SettlementTokenAbi, "balanceOf", [payer.account.address]),
  read(a.cash, SettlementTokenAbi, "balanceOf", [payee.account.address]),
  publicClient.getBalance({ address: payer.account.address }),
]);
const { gasPrice } = await publicClient.getTransaction({ hash: paid });
console.log(`payer paid 250.25 (tx ${paid}, gasPrice ${gasPrice}); ether balance ${eth}`);
console.log(`balances: payer ${formatAmount(balA)}, payee ${formatAmount(balB)}`);
if (balA !== 74975n || balB !== 25025n || eth !== 0n || gasPrice !== 0n) throw new Error("unexpected balances");

// A payment to a wallet outside the registry is refused; viem decodes it with the token's own ABI.
const outsider = privateKeyToAccount(generatePrivateKey()).address;
try {
  await publicClient.simulateContract({
    account: payer.account,
    address: a.cash,
    abi: SettlementTokenAbi,
    functionName: "transfer",
    args: [outsider, 1n],
  });
  throw new Error("a transfer to an unregistered wallet did not revert");
} catch (e) {
  const err = decodeSuiteError(e);
  if (err?.errorName !== "SettlementIneligible") throw e;
  const [wallet, reason] = err.args;
  console.log(
    `refused as expected: SettlementIneligible(${wallet}, ${ENUMS["IParticipantRegistry.Ineligibility"][reason]})`,
  );
}
console.log(`registry now: ${await read(a.registry, ParticipantRegistryAbi, "participantCount")} participant(s)`);

// The payee (core enterprise) owes the payer (SME) 500.00 in 90 days; the SME lists the payable.
const dueTs = now + 90n * 86400n;
const dueDate = dueTs - (dueTs % 86400n);
const invoice = `EXAMPLE-INV-${payer.account.address.slice(2, 10)}`;
const invoiceHash = keccak256(stringToHex(invoice));
const rootId = await read(a.receivables, ReceivableTokenAbi, "rootIdOf", [
  invoiceHash,
  payer.account.address,
  payee.account.address,
]);
const face = parseAmount("500.00");
await mined(
  await payee.writeContract({
    address: a.receivables,
    abi: ReceivableTokenAbi,
    functionName: "issuePayable",
    args: [payer.account.address, a.cash, face, dueDate, invoiceHash, `ipfs://${invoice}`, invoiceHash],
  }),
);

// Repaying without approving the ReceivableToken: the cash token raises ERC20InsufficientAllowance
// inside `repay`. ReceivableTokenAbi does not declare it; errorsAbi (decodeSuiteError) does.
try {
  await publicClient.simulateContract({
    account: payee.account,
    address: a.receivables,
    abi: ReceivableTokenAbi,
    functionName: "repay",
    args: [rootId, face],
  });
  throw new Error("a repayment without allowance did not revert");
} catch (e) {
  const err = decodeSuiteError(e);
  if (err?.errorName !== "ERC20InsufficientAllowance") throw e;
  const [spender, allowance, needed] = err.args;
  console.log(`refused as expected: ERC20InsufficientAllowance(spender ${spender}, ${allowance}, needed ${needed})`);
}

const tokenId = rootId << 32n;
await mined(
  await payer.writeContract({
    address: a.receivables,
    abi: ReceivableTokenAbi,
    functionName: "setApprovalForAll",
    args: [a.market, true],
  }),
);
const rateBps = parseBps("4.35%");
const basis = ENUMS.DiscountBasis.indexOf("Act360");
const receipt = await mined(
  await payer.writeContract({
    address: a.market,
    abi: FactoringMarketAbi,
    functionName: "list",
    args: [
      {
        tokenId,
        value: 0n,
        price: 0n,
        rateBps: Number(rateBps),
        basis,
        expiry: Number(now + 30n * 86400n),
        buyerKinds: 0,
        recourse: false,
        collateral: 0n,
      },
    ],
  }),
);
const [listed] = parseEventLogs({ abi: FactoringMarketAbi, logs: receipt.logs, eventName: "Listed" });
const { listingId } = listed.args;
const block = await publicClient.getBlock();
const onChain = await publicClient.readContract({
  address: a.market,
  abi: FactoringMarketAbi,
  functionName: "quote",
  args: [listingId],
  blockNumber: block.number,
});
const price = discountPrice(face, rateBps, dueDate, block.timestamp, basis);
console.log(
  `listed payable 0x${rootId.toString(16)}/0 as #${listingId} at 4.35% ACT/360 due ${formatDate(dueDate)}: price ${formatAmount(price)} (contract ${formatAmount(onChain)})`,
);
if (price !== onChain) throw new Error("the SDK's price differs from the contract's");
