import type { RequestContext } from '@khg/platform';
import type { AreaLoaders } from './modules/areas/area.loaders';
import type { OrganizationLoaders } from './modules/organizations/organization.loaders';
import type { MemberLoaders } from './modules/members/member.loaders';
import type { CardLoaders } from './modules/cards/card.loaders';
import type { FeeLoaders } from './modules/fees/fee.loaders';
import type { StatsLoaders } from './modules/stats/stats.loaders';
import type { ReorganizationLoaders } from './modules/reorganizations/reorganization.loaders';
import type { PlanFigureLoaders } from './modules/plan-figures/plan-figures.loaders';
import type { PrivacyLoaders } from './modules/privacy/privacy.loaders';

export type MembershipLoaders = AreaLoaders &
  OrganizationLoaders &
  MemberLoaders &
  CardLoaders &
  FeeLoaders &
  StatsLoaders &
  ReorganizationLoaders &
  PlanFigureLoaders &
  PrivacyLoaders;
export type MembershipContext = RequestContext<MembershipLoaders>;
