import { groupedLoader } from '@khg/platform';
import type { FeeService } from './fee.service';

export function feeLoaders(fees: FeeService) {
  return {
    memberFees: groupedLoader(
      (ids: readonly string[]) => fees.ofMembers(ids),
      (f) => f.memberId,
    ),
  };
}
export type FeeLoaders = ReturnType<typeof feeLoaders>;
