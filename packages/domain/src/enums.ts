// The association's vocabulary, shared by every subgraph and by the contract.
// String enums whose values equal their names, so they map 1:1 to GraphQL enums and DB text.

export enum AreaLevel {
  PROVINCE = 'PROVINCE',
  DISTRICT = 'DISTRICT',
  COMMUNE = 'COMMUNE',
  VILLAGE = 'VILLAGE',
}

export enum OrganizationKind {
  ASSOCIATION = 'ASSOCIATION',
  BRANCH = 'BRANCH',
  BOARD = 'BOARD',
}

export enum HostKind {
  ADMINISTRATIVE = 'ADMINISTRATIVE',
  UNIVERSITY = 'UNIVERSITY',
  COLLEGE = 'COLLEGE',
  VOCATIONAL_SCHOOL = 'VOCATIONAL_SCHOOL',
  CONTINUING_EDUCATION_CENTER = 'CONTINUING_EDUCATION_CENTER',
  SCHOOL = 'SCHOOL',
  AGENCY = 'AGENCY',
  UNION = 'UNION',
  ARMED_FORCES = 'ARMED_FORCES',
  ENTERPRISE = 'ENTERPRISE',
  CLAN = 'CLAN',
}

export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  LAPSED = 'LAPSED',
  RESIGNED = 'RESIGNED',
  DECEASED = 'DECEASED',
}
export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  OTHER = 'OTHER',
}
export enum CardStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  LOST = 'LOST',
}
export enum CharterOrderStatus {
  ORDERED = 'ORDERED',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
}

export enum DonationMethod {
  CASH = 'CASH',
  BANK_TRANSFER = 'BANK_TRANSFER',
  IN_KIND = 'IN_KIND',
}
export enum AwardCategory {
  POOR_STUDENT_EXCELLENCE = 'POOR_STUDENT_EXCELLENCE',
  EXCELLENT_STUDENT = 'EXCELLENT_STUDENT',
  LIFELONG_LEARNER = 'LIFELONG_LEARNER',
  TEACHER = 'TEACHER',
}

/** The four models of the 2018 plan (QĐ 281/QĐ-TTg; carried into 2021–2030 by QĐ 387/QĐ-TTg) and CITIZEN (QĐ 677/QĐ-TTg, 2022). */
export enum LearningModelKind {
  FAMILY = 'FAMILY',
  CLAN = 'CLAN',
  COMMUNITY = 'COMMUNITY',
  UNIT = 'UNIT',
  CITIZEN = 'CITIZEN',
}
export enum LearningModelStatus {
  REGISTERED = 'REGISTERED',
  RECOGNIZED = 'RECOGNIZED',
  NOT_RECOGNIZED = 'NOT_RECOGNIZED',
}
export enum CenterGrade {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  AVERAGE = 'AVERAGE',
  BELOW = 'BELOW',
}

export enum DocumentKind {
  DIRECTIVE = 'DIRECTIVE',
  DECISION = 'DECISION',
  PLAN = 'PLAN',
  CIRCULAR = 'CIRCULAR',
  CHARTER = 'CHARTER',
  DISPATCH = 'DISPATCH',
}
export enum InspectionStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
export enum Severity {
  INFO = 'INFO',
  MINOR = 'MINOR',
  MAJOR = 'MAJOR',
}
export enum RecommendationStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
}
export enum OutreachChannel {
  MEETING = 'MEETING',
  MEDIA = 'MEDIA',
  PUBLICATION = 'PUBLICATION',
  TRAINING = 'TRAINING',
  OTHER = 'OTHER',
}

/** Who a caller is. ADMIN is the province; OFFICER is scoped to an organisation's subtree. */
export enum Role {
  ADMIN = 'ADMIN',
  OFFICER = 'OFFICER',
  ANALYST = 'ANALYST',
  DEPARTMENT = 'DEPARTMENT',
  MEMBER = 'MEMBER',
}

/**
 * What a work plan's indicator measures (chỉ tiêu). Each is computed by the subgraph that owns the
 * figure, for an area and a year in the tree of that year: see docs/plans-and-reports.md.
 */
export enum PlanMetric {
  FAMILY_RATE = 'FAMILY_RATE',
  CLAN_RATE = 'CLAN_RATE',
  COMMUNITY_RATE = 'COMMUNITY_RATE',
  UNIT_RATE = 'UNIT_RATE',
  CITIZEN_RATE = 'CITIZEN_RATE',
  CENTERS_RATED_GOOD_RATE = 'CENTERS_RATED_GOOD_RATE',
  CADRES_TRAINED = 'CADRES_TRAINED',
  FUND_PER_CAPITA = 'FUND_PER_CAPITA',
  FUNDS_RAISED = 'FUNDS_RAISED',
  AWARDS_GRANTED = 'AWARDS_GRANTED',
  MEMBERS = 'MEMBERS',
  NEW_MEMBERS = 'NEW_MEMBERS',
  MEMBERSHIP_SHARE = 'MEMBERSHIP_SHARE',
  CARD_ISSUANCE_RATE = 'CARD_ISSUANCE_RATE',
  FEE_COLLECTION_RATE = 'FEE_COLLECTION_RATE',
  CHARTER_BOOKLETS = 'CHARTER_BOOKLETS',
  NEW_ORGANIZATIONS = 'NEW_ORGANIZATIONS',
  COOPERATION_PROGRAMS = 'COOPERATION_PROGRAMS',
  OUTREACH_ACTIVITIES = 'OUTREACH_ACTIVITIES',
  INSPECTIONS_COMPLETED = 'INSPECTIONS_COMPLETED',
  RECOMMENDATIONS_RESOLVED_RATE = 'RECOMMENDATIONS_RESOLVED_RATE',
}

/** Which subgraph computes each metric (the owner of the figure). */
export const PLAN_METRIC_OWNER: Record<PlanMetric, 'membership' | 'fundraising' | 'learning-models' | 'inspections'> = {
  FAMILY_RATE: 'learning-models',
  CLAN_RATE: 'learning-models',
  COMMUNITY_RATE: 'learning-models',
  UNIT_RATE: 'learning-models',
  CITIZEN_RATE: 'learning-models',
  CENTERS_RATED_GOOD_RATE: 'learning-models',
  CADRES_TRAINED: 'learning-models',
  FUND_PER_CAPITA: 'fundraising',
  FUNDS_RAISED: 'fundraising',
  AWARDS_GRANTED: 'fundraising',
  MEMBERS: 'membership',
  NEW_MEMBERS: 'membership',
  MEMBERSHIP_SHARE: 'membership',
  CARD_ISSUANCE_RATE: 'membership',
  FEE_COLLECTION_RATE: 'membership',
  CHARTER_BOOKLETS: 'membership',
  NEW_ORGANIZATIONS: 'membership',
  COOPERATION_PROGRAMS: 'inspections',
  OUTREACH_ACTIVITIES: 'inspections',
  INSPECTIONS_COMPLETED: 'inspections',
  RECOMMENDATIONS_RESOLVED_RATE: 'inspections',
};
