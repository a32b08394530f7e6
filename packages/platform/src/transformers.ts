import type { ValueTransformer } from 'typeorm';

/** bigint columns arrive from pg as strings; money and counts are handled as JS bigint. */
export const bigintTransformer: ValueTransformer = {
  to: (v: bigint | null | undefined) => (v === null || v === undefined ? v : v.toString()),
  from: (v: string | null) => (v === null ? null : BigInt(v)),
};
