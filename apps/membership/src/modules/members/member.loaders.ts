import { compositeLoader, groupedLoader, keyedLoader } from '@khg/platform';
import { orgMembersKey, type OrgMembersKey } from './org-member-pages';
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
    organizationMembers: compositeLoader(
      (keys: readonly OrgMembersKey[]) => members.organizationPages(keys),
      (r) => r.key,
      orgMembersKey,
    ),
  };
}
export type MemberLoaders = ReturnType<typeof memberLoaders>;
