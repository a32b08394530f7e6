import type { RequestContext } from '@khg/platform';
import type { AreaLoaders } from './modules/areas/area.loaders';
import type { OrganizationLoaders } from './modules/organizations/organization.loaders';
import type { MemberLoaders } from './modules/members/member.loaders';
import type { StatsLoaders } from './modules/stats/stats.loaders';
import type { ReorganizationLoaders } from './modules/reorganizations/reorganization.loaders';

export type MembershipLoaders = AreaLoaders & OrganizationLoaders & MemberLoaders & StatsLoaders & ReorganizationLoaders;
export type MembershipContext = RequestContext<MembershipLoaders>;
