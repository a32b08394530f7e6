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

export enum LearningModelKind {
  FAMILY = 'FAMILY',
  CLAN = 'CLAN',
  COMMUNITY = 'COMMUNITY',
  UNIT = 'UNIT',
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
