// Public ids carry their type as a prefix ("mbr_…"), so `node(id)` knows where an id lives
// and a mistyped id is refused before any lookup.

export const ID_PREFIX = {
  Area: 'area',
  Organization: 'org',
  Member: 'mbr',
  FeePayment: 'fee',
  CharterOrder: 'cho',
  AreaReorganization: 'reorg',
  Fund: 'fund',
  FundTransfer: 'xfer',
  Campaign: 'cmp',
  Donation: 'don',
  Award: 'awd',
  LedgerEntry: 'led',
  LearningModelEntry: 'lme',
  CommunityLearningCenter: 'clc',
  TrainingCourse: 'trc',
  PolicyDocument: 'doc',
  Inspection: 'insp',
  Finding: 'fnd',
  Recommendation: 'rec',
  CooperationProgram: 'coop',
  OutreachActivity: 'outr',
  Webhook: 'whk',
  WorkPlan: 'plan',
  PlanIndicator: 'pind',
  Import: 'imp',
} as const;

export type IdType = keyof typeof ID_PREFIX;

const BY_PREFIX = new Map<string, IdType>(Object.entries(ID_PREFIX).map(([t, p]) => [p, t as IdType]));

const ID_RE = /^([a-z]+)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The type an id names, or null when it is not one of ours. */
export function typeOfId(id: string): IdType | null {
  const m = ID_RE.exec(id);
  return m ? (BY_PREFIX.get(m[1]) ?? null) : null;
}

export function isIdOf(type: IdType, id: string): boolean {
  return typeOfId(id) === type;
}

export function makeId(type: IdType, uuid: string): string {
  return `${ID_PREFIX[type]}_${uuid}`;
}
