// Money is whole Vietnamese dong. Internally a bigint, in GraphQL an integer that
// JSON carries exactly (|v| <= 2^53 - 1), in PostgreSQL a bigint column.

export const VND_MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** The largest single amount the association will accept in one entry: 1,000 billion VND. */
export const VND_MAX_ENTRY = 1_000_000_000_000n;

export type Vnd = bigint;

export class VndError extends Error {}

/** Parses a whole-dong amount from a JS number, a bigint or a decimal string; refuses fractions. */
export function toVnd(value: unknown): Vnd {
  if (typeof value === 'bigint') return checkRange(value);
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new VndError(`${value} is not a whole number of dong`);
    if (!Number.isSafeInteger(value)) throw new VndError(`${value} is too large to be carried exactly`);
    return BigInt(value);
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return checkRange(BigInt(value.trim()));
  throw new VndError(`${JSON.stringify(value)} is not a whole number of dong`);
}

function checkRange(v: bigint): Vnd {
  if (v > VND_MAX_SAFE || v < -VND_MAX_SAFE) throw new VndError(`${v} is beyond 2^53-1 dong`);
  return v;
}

/** A single ledger entry or fee: positive and not absurd. Returns a reason when it is not. */
export function checkEntryAmount(v: Vnd, what = 'amount'): string | null {
  if (v <= 0n) return `${what} must be a positive number of dong (got ${v})`;
  if (v > VND_MAX_ENTRY) return `${what} ${v} exceeds the ceiling of ${VND_MAX_ENTRY} dong for one entry`;
  return null;
}

/** Integer division rounding down, as the contract's per-capita figures do. */
export function perCapita(total: Vnd, people: number | null | undefined): Vnd | null {
  if (!people || people <= 0) return null;
  return total / BigInt(people);
}
