// The event catalogue: every mutation appends one of these to its subgraph's outbox
// in the same transaction as its change (delivery is the relay's job).

export enum EventType {
  MEMBER_ADMITTED = 'MEMBER_ADMITTED',
  MEMBER_STATUS_CHANGED = 'MEMBER_STATUS_CHANGED',
  CARD_ISSUED = 'CARD_ISSUED',
  FEE_PAID = 'FEE_PAID',
  DONATION_RECORDED = 'DONATION_RECORDED',
  DONATION_VOIDED = 'DONATION_VOIDED',
  AWARD_GRANTED = 'AWARD_GRANTED',
  LEARNING_MODEL_REGISTERED = 'LEARNING_MODEL_REGISTERED',
  LEARNING_MODEL_DECIDED = 'LEARNING_MODEL_DECIDED',
  INSPECTION_CHANGED = 'INSPECTION_CHANGED',
  RECOMMENDATION_CHANGED = 'RECOMMENDATION_CHANGED',
  // Beyond the contract's minimum: changes other systems also need to follow.
  AREA_CREATED = 'AREA_CREATED',
  AREA_STATISTICS_RECORDED = 'AREA_STATISTICS_RECORDED',
  AREA_REORGANIZED = 'AREA_REORGANIZED',
  ORGANIZATION_CREATED = 'ORGANIZATION_CREATED',
  ORGANIZATION_CLOSED = 'ORGANIZATION_CLOSED',
  ORGANIZATION_MOVED = 'ORGANIZATION_MOVED',
  MEMBER_TRANSFERRED = 'MEMBER_TRANSFERRED',
  CARD_RETIRED = 'CARD_RETIRED',
  CHARTER_ORDER_CHANGED = 'CHARTER_ORDER_CHANGED',
  FUND_OPENED = 'FUND_OPENED',
  CAMPAIGN_LAUNCHED = 'CAMPAIGN_LAUNCHED',
  FUND_TRANSFERRED = 'FUND_TRANSFERRED',
  LEARNING_MODEL_TARGET_SET = 'LEARNING_MODEL_TARGET_SET',
  ELIGIBLE_COUNT_SET = 'ELIGIBLE_COUNT_SET',
  LEARNING_CENTER_CHANGED = 'LEARNING_CENTER_CHANGED',
  TRAINING_COURSE_RECORDED = 'TRAINING_COURSE_RECORDED',
  POLICY_DOCUMENT_REGISTERED = 'POLICY_DOCUMENT_REGISTERED',
  COOPERATION_PROGRAM_SIGNED = 'COOPERATION_PROGRAM_SIGNED',
  OUTREACH_ACTIVITY_RECORDED = 'OUTREACH_ACTIVITY_RECORDED',
  WORK_PLAN_ADOPTED = 'WORK_PLAN_ADOPTED',
  WORK_PLAN_REVISED = 'WORK_PLAN_REVISED',
  // A person's right to erasure (Law 91/2025/QH15): membership erased a member's personal data;
  // fundraising erased the donor names recorded against that member (its own audit entry).
  PERSONAL_DATA_ERASED = 'PERSONAL_DATA_ERASED',
  DONOR_NAMES_ERASED = 'DONOR_NAMES_ERASED',
  // An import's rows were written (committed with them, by the subgraph that wrote them): departmental
  // systems can read the new list once, rather than following one event per row.
  IMPORT_FINISHED = 'IMPORT_FINISHED',
}

/**
 * What an erased person's name reads as, in every subgraph that held it. Rows stay (counts and
 * money are kept); only the identifying text goes.
 */
export const ERASED_NAME = '[đã xoá theo yêu cầu / erased]';

/** What a service hands to the outbox. */
export interface DomainEventInput {
  type: EventType;
  /** id of the entity that changed */
  subjectId: string;
  /** where it happened, for filtering by area subtree */
  areaId?: string | null;
  /** small, non-personal facts about the change; subscribers fetch the rest through the graph */
  payload?: Record<string, unknown>;
}
