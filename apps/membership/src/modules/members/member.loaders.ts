import { groupedLoader, keyedLoader } from '@khg/platform';
import type { MemberService } from './member.service';

export function memberLoaders(members: MemberService) {
  return {
    member: keyedLoader(
      (ids: readonly string[]) => members.byIds(ids),
      (m) => m.id,
    ),
    memberPeriods: groupedLoader(
      (ids: readonly string[]) => members.periodsOf(ids),
      (p) => p.memberId,
    ),
  };
}
export type MemberLoaders = ReturnType<typeof memberLoaders>;
