import { existsSync, readFileSync } from "node:fs";

import { getAddress, isAddress } from "ethers";

/**
 * A local address book: names for participants and operator wallets, so tasks take `--to acme`
 * instead of a hex address. JSON object, one entry per name:
 *
 * ```json
 * {
 *   "acme-motors": { "address": "0x…", "code": "91310000MA1FL8XQ3K", "wallets": ["0x…"] },
 *   "registrar":   { "address": "0x…" }
 * }
 * ```
 * `address` is the primary wallet; `code` the Unified Social Credit Code or LEI the participant id
 * hashes (needed for `participants register` and the participant tasks); `wallets` optional extra
 * wallets (named in output). Names are case-insensitive. A missing file is an empty book.
 */
export interface BookEntry {
  name: string;
  address?: string;
  code?: string;
  wallets?: string[];
}

export class AddressBook {
  private readonly byName = new Map<string, BookEntry>();
  private readonly byAddress = new Map<string, string>();

  constructor(
    readonly file: string,
    raw: Record<string, Omit<BookEntry, "name">>,
  ) {
    for (const [name, e] of Object.entries(raw)) {
      if (name.startsWith("$")) continue; // "$comment"
      if (e === null || typeof e !== "object")
        throw new Error(`address book ${file}: entry "${name}" is not an object`);
      for (const a of [e.address, ...(e.wallets ?? [])]) {
        if (a !== undefined && !isAddress(a)) throw new Error(`address book ${file}: "${name}" has a bad address ${a}`);
      }
      const entry: BookEntry = {
        name,
        address: e.address && getAddress(e.address),
        code: e.code,
        wallets: (e.wallets ?? []).map((w) => getAddress(w)),
      };
      this.byName.set(name.toLowerCase(), entry);
      for (const a of [entry.address, ...(entry.wallets ?? [])]) if (a) this.byAddress.set(a.toLowerCase(), name);
    }
  }

  static load(file: string): AddressBook {
    if (!existsSync(file)) return new AddressBook(file, {});
    return new AddressBook(file, JSON.parse(readFileSync(file, "utf8")) as Record<string, Omit<BookEntry, "name">>);
  }

  entries(): BookEntry[] {
    return [...this.byName.values()];
  }

  entry(name: string): BookEntry | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  /** A 0x address (checksummed) or the primary address of a named entry. */
  resolve(nameOrAddress: string): string | undefined {
    const t = nameOrAddress.trim();
    if (isAddress(t)) return getAddress(t);
    return this.entry(t)?.address;
  }

  nameOf(address: string): string | undefined {
    return this.byAddress.get(address.toLowerCase());
  }
}
