import { groupedLoader, keyedLoader } from '@khg/platform';
import type { MemberService } from './member.service';
import type { CardService } from '../cards/card.service';
import type { FeeService } from '../fees/fee.service';

export function memberLoaders(members: MemberService, cards: CardService, fees: FeeService) {
  return {
    member: keyedLoader((ids: readonly string[]) => members.byIds(ids), (m) => m.id),
    memberPeriods: groupedLoader((ids: readonly string[]) => members.periodsOf(ids), (p) => p.memberId),
    memberCard: keyedLoader((ids: readonly string[]) => cards.currentOf(ids), (c) => c.memberId),
    memberFees: groupedLoader((ids: readonly string[]) => fees.ofMembers(ids), (f) => f.memberId),
  };
}
export type MemberLoaders = ReturnType<typeof memberLoaders>;
