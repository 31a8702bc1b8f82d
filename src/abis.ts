/**
 * `scf-suite/abis`: the suite's ABIs as `as const` literals, so viem, wagmi and abitype infer every
 * function, event and error (`ReceivableTokenAbi`, `FactoringMarketAbi`, ... one per
 * `scf-suite/abi/<Contract>` with a non-empty ABI), `errorsAbi` (every custom error of the suite,
 * for reverts raised in a called contract), and the constants the ABIs cannot carry: `KINDS`,
 * `ROLES` and `ENUMS` (enum member names; a member's index is the uint8 the ABI returns).
 *
 * Generated from the compiler's output after every build (scripts/lib/abi-ts.ts); no viem needed.
 */
export * from "./generated/abis.js";
export * from "./generated/constants.js";
