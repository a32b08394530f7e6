/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A civil date, "YYYY-MM-DD" (ngày), with no time zone. */
  Date: { input: string; output: string; }
  /** An instant, ISO 8601 with offset (thời điểm). */
  DateTime: { input: string; output: string; }
  /** Whole Vietnamese dong (đồng): an integer up to 2^53-1, never a float. Input may also be a string of digits. */
  Vnd: { input: number; output: number; }
};

/** Admission of a member into an organisation (kết nạp hội viên). */
export type AdmitMemberInput = {
  birthYear?: InputMaybe<Scalars['Int']['input']>;
  fullName: Scalars['String']['input'];
  gender?: InputMaybe<Gender>;
  joinedOn: Scalars['Date']['input'];
  organizationId: Scalars['ID']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
};

export type AdoptWorkPlanInput = {
  /** The registered PolicyDocument (kind PLAN) of the signed plan. */
  documentId?: InputMaybe<Scalars['ID']['input']>;
  organizationId: Scalars['ID']['input'];
  tasks: Array<PlanTaskInput>;
  title: Scalars['String']['input'];
  year: Scalars['Int']['input'];
};

/** An administrative area (địa bàn): province, district, commune or village, with its life span. */
export type Area = Node & {
  __typename?: 'Area';
  /** Ids of the units above it, the province first: its latest ancestry (for a closed unit, the one it had when it ceased). See ancestorIdsOn for a given day. */
  ancestorIds: Array<Scalars['ID']['output']>;
  /** Ids of the units above it on the day `on`, the province first (a day outside its life reads the nearest day it existed). Per-year figures use the tree of the year: `on` = 31 December of that year (today for the current year). */
  ancestorIdsOn: Array<Scalars['ID']['output']>;
  /** Its ancestry in every year from 2010 (or the year it began) to this year (or the year it ended), each read on the year’s reference date (31 December; today for the current year): what per-year roll-ups in other subgraphs use to find the tree of the year. */
  ancestryByYear: Array<AreaYearAncestry>;
  /** The units under it on the day `on` (default today). */
  children: Array<Area>;
  /** Official administrative code (mã đơn vị hành chính); unique among the units valid on any day. */
  code: Scalars['String']['output'];
  /** For each year from fromYear to toYear, the figures of the units it came from: the units valid on the year’s reference date (31 December; today for the current year), summed over merged units and weighted by population share for split ones. A year before it existed reads its predecessors; a year it existed reads itself. */
  comparableSeries: Array<ComparableYear>;
  /** Fundraising of the area and everything below it in `year`, per inhabitant and against the year’s campaign target. Money stays with the units it was recorded under; the target is looked up in the tree valid on 31 December of that year (today for the current year). */
  fundraising: FundraisingStats;
  /** Households (hộ gia đình) recorded for that year; null when none was recorded. */
  households?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  /** Unit type in Vietnamese: tỉnh, huyện, thị xã, thành phố, xã, phường, thị trấn, thôn. */
  kind?: Maybe<Scalars['String']['output']>;
  /** The learning-model rates of the area that year (FAMILY, CLAN, COMMUNITY, UNIT and, since QĐ 677/QĐ-TTg of 2022, CITIZEN), rolled up over the area and all below it. Entries and counts stay with the units they were recorded under; targets are inherited through the tree valid on 31 December of that year (today for the current year). */
  learningModels: Array<LearningModelRate>;
  level: AreaLevel;
  /** Name without the unit-type prefix (tên). */
  name: Scalars['String']['output'];
  /** The unit it lies in on the day `on` (default: its latest parent). */
  parent?: Maybe<Area>;
  /** Inhabitants (dân số) recorded for the unit for that year; null when none was recorded. Figures stay with the unit they were recorded for: a unit closed by a reorganisation keeps its years, and per-year roll-ups use the tree valid on 31 December of the year (today for the current year). */
  population?: Maybe<Scalars['Int']['output']>;
  /** The units it was formed from (merged, split or renamed into it). */
  predecessors: Array<Area>;
  /** Population and households recorded for every year, oldest first. */
  statistics: Array<AreaStatistic>;
  /** The units it went into when it closed. */
  successors: Array<Area>;
  /** First day the unit exists; null: since before the platform’s records. */
  validFrom?: Maybe<Scalars['Date']['output']>;
  /** Day the unit ceased to exist (exclusive); null while current. */
  validTo?: Maybe<Scalars['Date']['output']>;
};


/** An administrative area (địa bàn): province, district, commune or village, with its life span. */
export type AreaAncestorIdsOnArgs = {
  on: Scalars['Date']['input'];
};


/** An administrative area (địa bàn): province, district, commune or village, with its life span. */
export type AreaChildrenArgs = {
  on?: InputMaybe<Scalars['Date']['input']>;
};


/** An administrative area (địa bàn): province, district, commune or village, with its life span. */
export type AreaComparableSeriesArgs = {
  fromYear: Scalars['Int']['input'];
  toYear: Scalars['Int']['input'];
};


/** An administrative area (địa bàn): province, district, commune or village, with its life span. */
export type AreaFundraisingArgs = {
  year: Scalars['Int']['input'];
};


/** An administrative area (địa bàn): province, district, commune or village, with its life span. */
export type AreaHouseholdsArgs = {
  year: Scalars['Int']['input'];
};


/** An administrative area (địa bàn): province, district, commune or village, with its life span. */
export type AreaLearningModelsArgs = {
  year: Scalars['Int']['input'];
};


/** An administrative area (địa bàn): province, district, commune or village, with its life span. */
export type AreaParentArgs = {
  on?: InputMaybe<Scalars['Date']['input']>;
};


/** An administrative area (địa bàn): province, district, commune or village, with its life span. */
export type AreaPopulationArgs = {
  year: Scalars['Int']['input'];
};

/** One change of a reorganisation. */
export type AreaChangeInput = {
  /** MERGE: the units merged; SPLIT, RENAME, MOVE: one unit; ABOLISH: the units whose children move up. */
  areaIds: Array<Scalars['ID']['input']>;
  /** RENAME: the new code. */
  code?: InputMaybe<Scalars['String']['input']>;
  /** MERGE: the one new unit; SPLIT: the new units, each with its populationShare. */
  into?: InputMaybe<Array<NewAreaInput>>;
  kind: AreaChangeKind;
  /** RENAME: the new name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** MOVE: the new parent. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
};

export type AreaChangeKind =
  /** Units close and their children move up to their parent (e.g. the district level in 2025). */
  | 'ABOLISH'
  /** Several units become one new unit (sáp nhập); their children move into it. */
  | 'MERGE'
  /** A unit keeps its identity and moves under another parent. */
  | 'MOVE'
  /** A unit gets a new name and/or code: it closes and a successor opens; its children move to the successor. */
  | 'RENAME'
  /** One unit becomes several new units (chia tách), each with its share of the population. */
  | 'SPLIT';

/** Metrics of one area (a child area of a plan’s organisation, or its own). */
export type AreaFigures = {
  __typename?: 'AreaFigures';
  area: Area;
  /** The area the figures are for. */
  areaId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  values: Array<MetricValue>;
  year: Scalars['Int']['output'];
};

/** Level of an administrative unit (cấp hành chính). */
export type AreaLevel =
  | 'COMMUNE'
  | 'DISTRICT'
  | 'PROVINCE'
  | 'VILLAGE';

/** A reorganisation of administrative units, applied whole on its effective date. */
export type AreaReorganization = {
  __typename?: 'AreaReorganization';
  /** Units it closed (validTo = effectiveOn). */
  closed: Array<Area>;
  decidedOn: Scalars['Date']['output'];
  decisionNumber: Scalars['String']['output'];
  effectiveOn: Scalars['Date']['output'];
  id: Scalars['ID']['output'];
  /** Units that kept their identity and changed parent. */
  moved: Array<Area>;
  /** Units it opened. */
  opened: Array<Area>;
};

/** Population recorded for an area in one year (owned by membership). */
export type AreaStatistic = {
  __typename?: 'AreaStatistic';
  households: Scalars['Int']['output'];
  population: Scalars['Int']['output'];
  year: Scalars['Int']['output'];
};

/** One area’s population and households for the year of recordAreaStatisticsBatch. */
export type AreaStatisticsRow = {
  areaId: Scalars['ID']['input'];
  households: Scalars['Int']['input'];
  population: Scalars['Int']['input'];
};

/** Where an area lay in one year (owned by membership). */
export type AreaYearAncestry = {
  __typename?: 'AreaYearAncestry';
  /** Ids of the units above it that day, the province first. */
  ancestorIds: Array<Scalars['ID']['output']>;
  year: Scalars['Int']['output'];
};

/** One audited change: who, when, what (ADMIN only). */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** The organisation an OFFICER acted for. */
  actorOrgId?: Maybe<Scalars['ID']['output']>;
  actorRole: Scalars['String']['output'];
  /** Token subject of whoever made the change. */
  actorSub: Scalars['String']['output'];
  areaId?: Maybe<Scalars['ID']['output']>;
  at: Scalars['DateTime']['output'];
  /** What changed: the event payload as JSON (never personal data such as phone numbers). */
  changes: Scalars['String']['output'];
  /** The entity changed. */
  entityId: Scalars['ID']['output'];
  /** Its order within that service. */
  seq: Scalars['String']['output'];
  /** The service that made the change. */
  service: Scalars['String']['output'];
  /** What happened (the event type), e.g. MEMBER_ADMITTED. */
  type: Scalars['String']['output'];
};

/** An award paid from a fund (khen thưởng, học bổng). */
export type Award = Node & {
  __typename?: 'Award';
  amount: Scalars['Vnd']['output'];
  /** Where the recipient lives or studies. */
  area: Area;
  awardedOn: Scalars['Date']['output'];
  category: AwardCategory;
  fund: Fund;
  id: Scalars['ID']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  /** Recipient (người nhận). */
  recipientName: Scalars['String']['output'];
};

export type AwardCategory =
  /** Học sinh, sinh viên giỏi */
  | 'EXCELLENT_STUDENT'
  /** Người lớn có thành tích học tập suốt đời */
  | 'LIFELONG_LEARNER'
  /** Học sinh nghèo vượt khó học giỏi */
  | 'POOR_STUDENT_EXCELLENCE'
  /** Thầy cô giáo */
  | 'TEACHER';

/** A fundraising campaign (đợt vận động) of a fund for one year. */
export type Campaign = Node & {
  __typename?: 'Campaign';
  fund: Fund;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Target per inhabitant, e.g. 50000 for "bình quân 50.000 đồng/người"; applies to the fund’s area and below. */
  perCapitaTarget?: Maybe<Scalars['Vnd']['output']>;
  /** Donations (not voided) recorded against the campaign. */
  raised: Scalars['Vnd']['output'];
  year: Scalars['Int']['output'];
};

export type CardStatus =
  | 'ACTIVE'
  | 'LOST'
  | 'REVOKED';

/** The grade a centre received for a year. */
export type CenterEvaluation = {
  __typename?: 'CenterEvaluation';
  grade: CenterGrade;
  year: Scalars['Int']['output'];
};

/** Yearly evaluation of a Community Learning Centre (Circular 44): xuất sắc, tốt, trung bình, chưa đạt. */
export type CenterGrade =
  | 'AVERAGE'
  | 'BELOW'
  | 'EXCELLENT'
  | 'GOOD';

/** An order of Charter booklets (Điều lệ Hội) by an organisation. */
export type CharterOrder = {
  __typename?: 'CharterOrder';
  id: Scalars['ID']['output'];
  orderedOn: Scalars['Date']['output'];
  organization: Organization;
  quantity: Scalars['Int']['output'];
  status: CharterOrderStatus;
};

export type CharterOrderStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'ORDERED';

/** A Community Learning Centre (Trung tâm học tập cộng đồng), one per commune. */
export type CommunityLearningCenter = Node & {
  __typename?: 'CommunityLearningCenter';
  /** The commune it serves. */
  area: Area;
  /** Ngày thành lập. */
  establishedOn?: Maybe<Scalars['Date']['output']>;
  /** Yearly evaluations, oldest first. */
  evaluations: Array<CenterEvaluation>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

/** A year of a unit’s figures over the units it came from (sums over merged units, population shares of split ones). */
export type ComparableYear = {
  __typename?: 'ComparableYear';
  /** "<areaId>:<year>" */
  id: Scalars['ID']['output'];
  /** The four rates over the units it came from that year: counts (eligible, registered, decided) summed over them, each times the share of the unit that went into it and rounded; rates computed from those sums. Targets are per unit, so target, targetAreaId and targetMet are null here. */
  learningModels: Array<LearningModelRate>;
  /** Σ share × population of the sources that year, rounded; null when none of them recorded one. */
  population?: Maybe<Scalars['Int']['output']>;
  /** Donations received that year under the units it came from (each unit’s funds and everything below it, as recorded then), times the share of the unit that went into it, rounded down; null when it came from no unit that year. */
  raised?: Maybe<Scalars['Vnd']['output']>;
  /** The units valid on that year’s reference date (31 December, today for the current year) it came from. */
  sourceAreaIds: Array<Scalars['ID']['output']>;
  /** For each source, the share of it that went into this unit (1 for a merge). */
  sourceShares: Array<Scalars['Float']['output']>;
  year: Scalars['Int']['output'];
};

/** A cooperation programme (chương trình phối hợp) with a department of the science-education bloc (Khối Khoa giáo). */
export type CooperationProgram = Node & {
  __typename?: 'CooperationProgram';
  id: Scalars['ID']['output'];
  /** The partner department, e.g. "Sở Khoa học và Công nghệ". */
  partner: Scalars['String']['output'];
  signedOn: Scalars['Date']['output'];
  title: Scalars['String']['output'];
  validUntil?: Maybe<Scalars['Date']['output']>;
};

/** A page of cooperation programmes, oldest signed first. */
export type CooperationProgramConnection = {
  __typename?: 'CooperationProgramConnection';
  edges: Array<CooperationProgramEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, all pages together. */
  totalCount: Scalars['Int']['output'];
};

export type CooperationProgramEdge = {
  __typename?: 'CooperationProgramEdge';
  cursor: Scalars['String']['output'];
  node: CooperationProgram;
};

/** A new administrative unit. */
export type CreateAreaInput = {
  /** Official code (mã), e.g. "12004" */
  code: Scalars['String']['input'];
  /** Unit type in Vietnamese (xã, phường, thôn…). */
  kind?: InputMaybe<Scalars['String']['input']>;
  level: AreaLevel;
  name: Scalars['String']['input'];
  /** The unit it lies in; required for every level below PROVINCE. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** First day the unit exists (default: since before the records). */
  validFrom?: InputMaybe<Scalars['Date']['input']>;
};

/** A new organisation in the association’s tree. */
export type CreateOrganizationInput = {
  /** The area it sits in. */
  areaId: Scalars['ID']['input'];
  foundedOn?: InputMaybe<Scalars['Date']['input']>;
  host: HostKind;
  kind: OrganizationKind;
  name: Scalars['String']['input'];
  /** The organisation above it; only ADMIN may create a root. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
};

export type DocumentKind =
  /** Điều lệ */
  | 'CHARTER'
  /** Thông tư */
  | 'CIRCULAR'
  /** Quyết định */
  | 'DECISION'
  /** Chỉ thị */
  | 'DIRECTIVE'
  /** Công văn */
  | 'DISPATCH'
  /** Kế hoạch */
  | 'PLAN';

/** A change in the graph, from a subgraph's outbox. Entity fields resolve through the whole graph. */
export type DomainEvent = {
  __typename?: 'DomainEvent';
  /** Where it happened (for filtering by area subtree). */
  areaId?: Maybe<Scalars['ID']['output']>;
  /** The award, for AWARD_GRANTED. */
  award?: Maybe<Award>;
  /** Orders every event totally; pass the last one you saw as `after` to resume without loss. */
  cursor: Scalars['String']['output'];
  /** The donation, for donation events. */
  donation?: Maybe<Donation>;
  /** The inspection, for inspection and recommendation events. */
  inspection?: Maybe<Inspection>;
  /** The entry, for learning-model events. */
  learningModelEntry?: Maybe<LearningModelEntry>;
  /** The member, for member, card and fee events. */
  member?: Maybe<Member>;
  occurredAt: Scalars['DateTime']['output'];
  /** Id of the entity that changed. */
  subjectId: Scalars['ID']['output'];
  type: EventType;
};

/** A donation to a fund (khoản ủng hộ). Never deleted or edited: a mistaken one is voided with a reason. */
export type Donation = Node & {
  __typename?: 'Donation';
  amount: Scalars['Vnd']['output'];
  campaign?: Maybe<Campaign>;
  /** When it was recorded. */
  createdAt: Scalars['DateTime']['output'];
  /** Where this donation sits in `donations`: pass it as `after`. */
  cursor: Scalars['String']['output'];
  /** A person or an organisation; recorded as PERSON unless said otherwise. */
  donorKind: DonorKind;
  /** The donor, when a member of the association. */
  donorMember?: Maybe<Member>;
  /** Donor (người / đơn vị ủng hộ). */
  donorName: Scalars['String']['output'];
  fund: Fund;
  id: Scalars['ID']['output'];
  method: DonationMethod;
  /** Receipt number (số phiếu thu), issued by the platform: unique within the fund, without gaps. */
  receiptNumber: Scalars['String']['output'];
  receivedOn: Scalars['Date']['output'];
  /** Why it was voided. */
  voidReason?: Maybe<Scalars['String']['output']>;
  /** True once voided: the amount no longer counts, a compensating ledger entry records it. */
  voided: Scalars['Boolean']['output'];
  voidedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type DonationMethod =
  /** Chuyển khoản */
  | 'BANK_TRANSFER'
  /** Tiền mặt */
  | 'CASH'
  /** Hiện vật, at its agreed value in dong */
  | 'IN_KIND';

export type DonorKind =
  /** A company, school or other body: the name is shown to every reader. */
  | 'ORGANIZATION'
  /** A person: the name is personal data (masked for analysts and departments). */
  | 'PERSON';

/** A signed link a browser opens without a header; it renders with the rights of the caller who asked for it. */
export type Download = {
  __typename?: 'Download';
  expiresAt: Scalars['DateTime']['output'];
  url: Scalars['String']['output'];
};

/** What changed (loại sự kiện). */
export type EventType =
  | 'AREA_CREATED'
  | 'AREA_REORGANIZED'
  | 'AREA_STATISTICS_RECORDED'
  | 'AWARD_GRANTED'
  | 'CAMPAIGN_LAUNCHED'
  | 'CARD_ISSUED'
  | 'CARD_RETIRED'
  | 'CHARTER_ORDER_CHANGED'
  | 'COOPERATION_PROGRAM_SIGNED'
  | 'DONATION_RECORDED'
  | 'DONATION_VOIDED'
  | 'DONOR_NAMES_ERASED'
  | 'ELIGIBLE_COUNT_SET'
  | 'FEE_PAID'
  | 'FUND_OPENED'
  | 'FUND_TRANSFERRED'
  | 'IMPORT_FINISHED'
  | 'INSPECTION_CHANGED'
  | 'LEARNING_CENTER_CHANGED'
  | 'LEARNING_MODEL_DECIDED'
  | 'LEARNING_MODEL_REGISTERED'
  | 'LEARNING_MODEL_TARGET_SET'
  | 'MEMBER_ADMITTED'
  | 'MEMBER_STATUS_CHANGED'
  | 'MEMBER_TRANSFERRED'
  | 'ORGANIZATION_CLOSED'
  | 'ORGANIZATION_CREATED'
  | 'ORGANIZATION_MOVED'
  | 'OUTREACH_ACTIVITY_RECORDED'
  | 'PERSONAL_DATA_ERASED'
  | 'POLICY_DOCUMENT_REGISTERED'
  | 'RECOMMENDATION_CHANGED'
  | 'TRAINING_COURSE_RECORDED'
  | 'WORK_PLAN_ADOPTED'
  | 'WORK_PLAN_REVISED';

/** The file format of an export. */
export type ExportFormat =
  | 'CSV'
  | 'HTML'
  | 'XLSX';

/** What to export (xuất dữ liệu). */
export type ExportKind =
  | 'AREA_STATISTICS'
  | 'DONATIONS'
  | 'LEARNING_MODEL_ENTRIES'
  | 'MEMBERS'
  | 'PERSONAL_DATA'
  | 'YEAR_REPORT';

/** A membership fee payment (hội phí): one per member per year. */
export type FeePayment = {
  __typename?: 'FeePayment';
  amount: Scalars['Vnd']['output'];
  id: Scalars['ID']['output'];
  paidOn: Scalars['Date']['output'];
  receiptNumber?: Maybe<Scalars['String']['output']>;
  year: Scalars['Int']['output'];
};

/** What an inspection found (kết quả kiểm tra). */
export type Finding = {
  __typename?: 'Finding';
  id: Scalars['ID']['output'];
  recordedAt: Scalars['DateTime']['output'];
  severity: Severity;
  summary: Scalars['String']['output'];
};

/** A Study Promotion Fund (Quỹ khuyến học) kept by one organisation. */
export type Fund = Node & {
  __typename?: 'Fund';
  /** Donations received minus voids and awards paid (số dư), from the ledger. */
  balance: Scalars['Vnd']['output'];
  /** Its campaigns, newest year first. */
  campaigns: Array<Campaign>;
  id: Scalars['ID']['output'];
  /** Name of the fund (tên quỹ). */
  name: Scalars['String']['output'];
  /** The organisation that keeps the fund. */
  organization: Organization;
};

/** Money moved between two funds: a TRANSFER_OUT entry in one ledger and a TRANSFER_IN entry in the other. */
export type FundTransfer = {
  __typename?: 'FundTransfer';
  amount: Scalars['Vnd']['output'];
  from: Fund;
  id: Scalars['ID']['output'];
  on: Scalars['Date']['output'];
  reason: Scalars['String']['output'];
  to: Fund;
};

/** Fundraising of an area and everything below it in one year (kết quả vận động quỹ khuyến học). */
export type FundraisingStats = {
  __typename?: 'FundraisingStats';
  /** Awards paid that year by those funds. */
  awarded: Scalars['Vnd']['output'];
  /** What those funds held at the end of the year (số dư cuối năm), from their ledgers. */
  balance: Scalars['Vnd']['output'];
  /** balance ÷ population(year), rounded down: the other reading of "50.000 đồng/người" in provincial reports. */
  balancePerCapita?: Maybe<Scalars['Vnd']['output']>;
  /** raised ÷ population(year), rounded down (bình quân đồng/người); null when that year’s population is unknown. */
  perCapita?: Maybe<Scalars['Vnd']['output']>;
  /** Target per inhabitant of the nearest campaign of that year at this area or above it; null when none set one. */
  perCapitaTarget?: Maybe<Scalars['Vnd']['output']>;
  /** The population the figures are divided by (membership’s figure for that year); null when unknown. */
  population?: Maybe<Scalars['Int']['output']>;
  /** Donations (not voided) received that year by funds of organisations in this area and below. */
  raised: Scalars['Vnd']['output'];
  /** perCapita ≥ perCapitaTarget; null when either is unknown. */
  targetMet?: Maybe<Scalars['Boolean']['output']>;
};

export type Gender =
  | 'FEMALE'
  | 'MALE'
  | 'OTHER';

/** An award paid from a fund; refused when the fund’s balance is too low. */
export type GrantAwardInput = {
  /** Whole dong, positive, at most the fund’s balance. */
  amount: Scalars['Vnd']['input'];
  /** Where the recipient lives or studies: the fund’s area or below. */
  areaId: Scalars['ID']['input'];
  awardedOn: Scalars['Date']['input'];
  category: AwardCategory;
  fundId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  recipientName: Scalars['String']['input'];
};

/** What the organisation is hosted by (đơn vị chủ quản). */
export type HostKind =
  | 'ADMINISTRATIVE'
  | 'AGENCY'
  | 'ARMED_FORCES'
  | 'CLAN'
  | 'COLLEGE'
  | 'CONTINUING_EDUCATION_CENTER'
  | 'ENTERPRISE'
  | 'SCHOOL'
  | 'UNION'
  | 'UNIVERSITY'
  | 'VOCATIONAL_SCHOOL';

/** An uploaded file and what became of it. The same file (SHA-256) uploaded again for the same target is the same import. */
export type Import = {
  __typename?: 'Import';
  createdAt: Scalars['DateTime']['output'];
  dryRun: Scalars['Boolean']['output'];
  fileName: Scalars['String']['output'];
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  kind: ImportKind;
  problemCount: Scalars['Int']['output'];
  problems: Array<ImportProblem>;
  /** data rows in the file (blank rows not counted) */
  rows: Scalars['Int']['output'];
  /** rows written: all of them once COMPLETED (the write is one transaction, so this moves from 0 to rows at once) */
  rowsDone: Scalars['Int']['output'];
  sha256: Scalars['String']['output'];
  status: ImportStatus;
  /** what was accepted but deserves a look (an unknown column ignored) */
  warnings: Array<ImportProblem>;
};


/** An uploaded file and what became of it. The same file (SHA-256) uploaded again for the same target is the same import. */
export type ImportProblemsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** What a file imports (POST /imports/{kind in lower case with hyphens}). */
export type ImportKind =
  | 'AREA_STATISTICS'
  | 'DONATIONS'
  | 'FEE_PAYMENTS'
  | 'LEARNING_MODELS'
  | 'MEMBERS';

/** A problem of an uploaded file: the spreadsheet's own row number (0: the file as a whole) and the column's header. */
export type ImportProblem = {
  __typename?: 'ImportProblem';
  column?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
  row: Scalars['Int']['output'];
};

/** VALIDATING → REJECTED (problems, nothing written) | VALIDATED (a dry run) | IMPORTING → COMPLETED | FAILED (nothing written; upload again). */
export type ImportStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'IMPORTING'
  | 'REJECTED'
  | 'VALIDATED'
  | 'VALIDATING';

/** How far a running bulk write of an import has got (rows written inside its transaction, visible at its commit). */
export type ImportWriteProgress = {
  __typename?: 'ImportWriteProgress';
  done: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

/** An inspection (đợt kiểm tra) of how policy documents are carried out, led by an organisation with departments as partners. */
export type Inspection = Node & {
  __typename?: 'Inspection';
  /** Why it was cancelled. */
  cancelReason?: Maybe<Scalars['String']['output']>;
  /** The day it was completed. */
  completedOn?: Maybe<Scalars['Date']['output']>;
  /** The documents whose carrying out is inspected, in the order given. */
  documents: Array<PolicyDocument>;
  endsOn?: Maybe<Scalars['Date']['output']>;
  /** Findings, in the order recorded. */
  findings: Array<Finding>;
  id: Scalars['ID']['output'];
  /** The organisation leading it (đơn vị chủ trì). */
  lead: Organization;
  /** Departments taking part (cơ quan phối hợp), e.g. "Sở Giáo dục và Đào tạo". */
  partners: Array<Scalars['String']['output']>;
  /** Recommendations, in the order made. */
  recommendations: Array<Recommendation>;
  startsOn: Scalars['Date']['output'];
  status: InspectionStatus;
  /** The organisations inspected (đơn vị được kiểm tra). */
  subjects: Array<Organization>;
  title: Scalars['String']['output'];
};

/** A page of inspections, latest start first. */
export type InspectionConnection = {
  __typename?: 'InspectionConnection';
  edges: Array<InspectionEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, all pages together. */
  totalCount: Scalars['Int']['output'];
};

export type InspectionEdge = {
  __typename?: 'InspectionEdge';
  cursor: Scalars['String']['output'];
  node: Inspection;
};

/** PLANNED → IN_PROGRESS → COMPLETED; CANCELLED from PLANNED or IN_PROGRESS. */
export type InspectionStatus =
  /** Đã hủy */
  | 'CANCELLED'
  /** Đã hoàn thành */
  | 'COMPLETED'
  /** Đang kiểm tra: findings and recommendations are recorded now */
  | 'IN_PROGRESS'
  /** Đã lên kế hoạch */
  | 'PLANNED';

/** A new campaign of a fund. */
export type LaunchCampaignInput = {
  fundId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  /** Whole dong per inhabitant, positive. */
  perCapitaTarget?: InputMaybe<Scalars['Vnd']['input']>;
  year: Scalars['Int']['input'];
};

/** A decision on an entry, or a logged correction of one (quyết định công nhận / điều chỉnh). */
export type LearningModelDecision = {
  __typename?: 'LearningModelDecision';
  /** True for a correction of an earlier decision. */
  correction: Scalars['Boolean']['output'];
  criteriaCode?: Maybe<Scalars['String']['output']>;
  decidedOn: Scalars['Date']['output'];
  decisionNumber?: Maybe<Scalars['String']['output']>;
  previousStatus: LearningModelStatus;
  /** Why the decision was corrected. */
  reason?: Maybe<Scalars['String']['output']>;
  recordedAt: Scalars['DateTime']['output'];
  /** The status the decision set. */
  status: LearningModelStatus;
};

/** A family, clan, community or unit registered for recognition as a learning one in a year (đăng ký mô hình học tập). */
export type LearningModelEntry = Node & {
  __typename?: 'LearningModelEntry';
  /** The village, commune (or, for a unit, any area) it was registered in. */
  area: Area;
  /** When the entry was registered on the platform. */
  createdAt: Scalars['DateTime']['output'];
  /** The criteria set the decision applied (e.g. "448/QĐ-KHVN"), since criteria change over the years. */
  criteriaCode?: Maybe<Scalars['String']['output']>;
  /** Opaque cursor of this entry, for `learningModelEntries(after:)`. */
  cursor: Scalars['String']['output'];
  decidedOn?: Maybe<Scalars['Date']['output']>;
  /** Số quyết định công nhận (current decision, after any correction). */
  decisionNumber?: Maybe<Scalars['String']['output']>;
  /** Its decision and every correction of it, oldest first. */
  history: Array<LearningModelDecision>;
  id: Scalars['ID']['output'];
  kind: LearningModelKind;
  /** Head of family, clan name, village name or unit name. */
  name: Scalars['String']['output'];
  status: LearningModelStatus;
  year: Scalars['Int']['output'];
};

/** Kind of learning model (mô hình học tập). */
export type LearningModelKind =
  /** Công dân học tập: a person, self-assessed (QĐ 677/QĐ-TTg, 2022) */
  | 'CITIZEN'
  /** Dòng họ học tập: a clan */
  | 'CLAN'
  /** Cộng đồng học tập: a village or residential group (or a commune, Circular 44) */
  | 'COMMUNITY'
  /** Gia đình học tập: a household, assessed in its village */
  | 'FAMILY'
  /** Đơn vị học tập: an agency, school, enterprise or armed-forces unit */
  | 'UNIT';

/** Where an area stands for one kind of learning model in a year (tỷ lệ đạt chuẩn), rolled up over the area and every area below it. */
export type LearningModelRate = {
  __typename?: 'LearningModelRate';
  area: Area;
  /** Denominator: families / clans / villages / units in the area and below that year (the counts recorded for each area, added up); 0 when none is recorded. */
  eligible: Scalars['Int']['output'];
  kind: LearningModelKind;
  /** Entries decided as not recognised. */
  notRecognized: Scalars['Int']['output'];
  /** Entries registered and not yet decided. */
  pending: Scalars['Int']['output'];
  /** recognized ÷ eligible, 0..1 (capped at 1 if the recorded eligible count is too low); 0 when eligible is 0 (unknown). */
  rate: Scalars['Float']['output'];
  /** Entries recognised (được công nhận). */
  recognized: Scalars['Int']['output'];
  /** Entries registered that year (đăng ký), whatever their status now. */
  registered: Scalars['Int']['output'];
  /** recognized ÷ registered, 0..1 (the rate "against those registered" of provincial reports); 0 when none registered. */
  registeredRate: Scalars['Float']['output'];
  /** The target share, 0..1 (e.g. 0.40 for FAMILY in 2018): the area’s own, else the nearest ancestor’s; null when none is set. */
  target?: Maybe<Scalars['Float']['output']>;
  /** The area whose target applies (this area or the nearest ancestor with one). */
  targetAreaId?: Maybe<Scalars['ID']['output']>;
  /** rate ≥ target; null when there is no target or eligible is 0 (unknown). */
  targetMet?: Maybe<Scalars['Boolean']['output']>;
  year: Scalars['Int']['output'];
};

export type LearningModelStatus =
  /** Không được công nhận */
  | 'NOT_RECOGNIZED'
  /** Được công nhận by decision */
  | 'RECOGNIZED'
  /** Đăng ký: a candidate, not yet decided */
  | 'REGISTERED';

/** A member of the association (hội viên). Belongs to one organisation at a time. */
export type Member = Node & {
  __typename?: 'Member';
  /** Personal data. */
  birthYear?: Maybe<Scalars['Int']['output']>;
  /** The ACTIVE card, or else the latest one (LOST or REVOKED); null if never issued. */
  card?: Maybe<MemberCard>;
  /** Fee payments, oldest year first. */
  feePayments: Array<FeePayment>;
  /** Full name (họ và tên). */
  fullName: Scalars['String']['output'];
  gender?: Maybe<Gender>;
  id: Scalars['ID']['output'];
  /** Day of admission (ngày vào Hội). */
  joinedOn: Scalars['Date']['output'];
  /** Every organisation the member belonged to, oldest first. */
  memberships: Array<MembershipPeriod>;
  /** The organisation the member belongs to now. */
  organization: Organization;
  /** Personal data. */
  phone?: Maybe<Scalars['String']['output']>;
  status: MemberStatus;
};

/** A member card (thẻ hội viên); its number is unique province-wide and never reused. */
export type MemberCard = {
  __typename?: 'MemberCard';
  issuedOn: Scalars['Date']['output'];
  number: Scalars['String']['output'];
  retiredOn?: Maybe<Scalars['Date']['output']>;
  status: CardStatus;
};

/** A page of members. */
export type MemberConnection = {
  __typename?: 'MemberConnection';
  edges: Array<MemberEdge>;
  pageInfo: PageInfo;
  /** Members matching the filters, all pages together. Exact unless `totalCountIsEstimate`: a name search counts at most 1,000 matches, then estimates. */
  totalCount: Scalars['Int']['output'];
  /** true when `totalCount` is an estimate (a name search with more than 1,000 matches); false when it is exact. */
  totalCountIsEstimate: Scalars['Boolean']['output'];
};

export type MemberEdge = {
  __typename?: 'MemberEdge';
  cursor: Scalars['String']['output'];
  node: Member;
};

/** A page of an organisation subtree’s members for a file export, in id order. */
export type MemberExportPage = {
  __typename?: 'MemberExportPage';
  /** Pass as `after` for the next page; null on the last page. */
  next?: Maybe<Scalars['String']['output']>;
  /** Whether phone and birthYear are given (ADMIN, or an officer of the subtree). */
  personal: Scalars['Boolean']['output'];
  rows: Array<MemberExportRow>;
};

/** A member as one row of an exported list: plain values, no field to resolve per row. */
export type MemberExportRow = {
  __typename?: 'MemberExportRow';
  /** null unless the caller may read personal data of the whole subtree */
  birthYear?: Maybe<Scalars['Int']['output']>;
  /** The ACTIVE card, or else the latest one */
  cardNumber?: Maybe<Scalars['String']['output']>;
  fullName: Scalars['String']['output'];
  gender?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** yyyy-mm-dd */
  joinedOn: Scalars['String']['output'];
  organizationName: Scalars['String']['output'];
  /** null unless the caller may read personal data of the whole subtree */
  phone?: Maybe<Scalars['String']['output']>;
  status: Scalars['String']['output'];
};

/** The order of a list of members. */
export type MemberOrder =
  /** With `search`: names starting with the search term first (alphabetically), then names where a later word starts with it, then names holding it anywhere else (each newest last). Without `search`, the same as NEWEST_LAST. Pages come from indexes: a common name costs no more than a rare one. */
  | 'BEST_MATCH'
  /** Oldest first, newest last (id order). The default. */
  | 'NEWEST_LAST';

/** ACTIVE (đang sinh hoạt), LAPSED, RESIGNED (đã thôi), DECEASED (đã mất). */
export type MemberStatus =
  | 'ACTIVE'
  | 'DECEASED'
  | 'LAPSED'
  | 'RESIGNED';

/** A time the member belonged to one organisation. */
export type MembershipPeriod = {
  __typename?: 'MembershipPeriod';
  from: Scalars['Date']['output'];
  organization: Organization;
  reason?: Maybe<Scalars['String']['output']>;
  /** Last day (exclusive); null for the current organisation. */
  to?: Maybe<Scalars['Date']['output']>;
};

/** Membership figures of an organisation (and by default its subtree) at the end of a year. */
export type MembershipStats = {
  __typename?: 'MembershipStats';
  /** Members ACTIVE at year end. */
  activeMembers: Scalars['Int']['output'];
  /** Active members holding an ACTIVE card at year end ÷ active members, 0..1 (0 when there are none). */
  cardIssuanceRate: Scalars['Float']['output'];
  /** Cards issued during the year to these members. */
  cardsIssued: Scalars['Int']['output'];
  /** Active members who paid that year’s fee ÷ active members, 0..1. */
  feeCollectionRate: Scalars['Float']['output'];
  /** Fees paid for that year in these organisations. */
  feesCollected: Scalars['Vnd']['output'];
  /** Members on the books at year end (any status but RESIGNED or DECEASED). */
  members: Scalars['Int']['output'];
};

/** A metric’s value for an area and year, against a target when there is one. */
export type MetricValue = {
  __typename?: 'MetricValue';
  /** value ≥ target; null without a target or a value. */
  met?: Maybe<Scalars['Boolean']['output']>;
  metric: PlanMetric;
  target?: Maybe<Scalars['Float']['output']>;
  /** null: nothing recorded (no denominator, no population). */
  value?: Maybe<Scalars['Float']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Admits a member (kết nạp); ADMIN, or an OFFICER within its subtree. */
  admitMember: Member;
  /** Admits a list of members (a branch’s list), one MEMBER_ADMITTED event each. All or nothing: a list with bad rows changes nothing and is refused with one BAD_USER_INPUT error whose extensions.rows lists every bad row as {index (from 0), field, message}. */
  admitMembers: Array<Member>;
  /** Adopts the plan of an organisation for a year (one per organisation and year: a second is CONFLICT). ADMIN, or an OFFICER of that organisation. */
  adoptWorkPlan: WorkPlan;
  /** PLANNED or IN_PROGRESS → CANCELLED, with the reason. */
  cancelInspection: Inspection;
  /** Changes a member’s status from today; the history is kept. DECEASED is final. */
  changeMemberStatus: Member;
  /** Dissolves an organisation on `on` (it must have no active organisation under it). Its members are transferred to `successorId` with `reason` recorded on their membership; its fund moves with fundraising’s transferFund. ADMIN, or an OFFICER over both. */
  closeOrganization: Organization;
  /** IN_PROGRESS → COMPLETED. */
  completeInspection: Inspection;
  /** Corrects the decision on an entry, with the reason; the earlier decision stays in `history`. */
  correctLearningModelDecision: LearningModelEntry;
  /** ADMIN: a new administrative unit under its parent. */
  createArea: Area;
  /** Creates the centre of a commune (one per commune: a second is a CONFLICT naming the first). ADMIN, or an OFFICER in its area and above the commune. */
  createCommunityLearningCenter: CommunityLearningCenter;
  /** A new association, branch or board under `parentId` (OFFICER: inside its subtree; ADMIN: anywhere, or a root). */
  createOrganization: Organization;
  /** Decides on a REGISTERED entry: recognised (decisionNumber and decidedOn required) or not. A second decision is a CONFLICT: use correctLearningModelDecision. */
  decideLearningModel: LearningModelEntry;
  /** Erases a member’s name, phone number and birth year in every subgraph that holds them (donor names recorded against the member too); counts and amounts stay. ADMIN; cannot be undone. */
  erasePersonalData: Member;
  /** Records the grade of a year (one per year; a second is a CONFLICT unless replace: true). */
  evaluateCommunityLearningCenter: CommunityLearningCenter;
  /** Pays an award from a fund; refused (CONFLICT) when the fund’s balance is lower than the amount, also under concurrent requests. */
  grantAward: Award;
  /** Issues a new card with the next number; refused while the member holds an ACTIVE one. */
  issueMemberCard: Member;
  /** Launches a campaign of a fund for a year, optionally with a per-capita target; ADMIN, or an OFFICER within the fund’s organisation subtree. */
  launchCampaign: Campaign;
  /** Moves an organisation (and everything under it) under another parent from `on`, optionally to another area; the former placement stays in `placements`. ADMIN, or an OFFICER over both. */
  moveOrganization: Organization;
  /** Opens the Study Promotion Fund of an organisation (one per organisation); ADMIN, or an OFFICER within its subtree. */
  openFund: Fund;
  placeCharterOrder: CharterOrder;
  /** Plans an inspection (PLANNED): ADMIN, or an OFFICER within the lead organisation’s subtree. */
  planInspection: Inspection;
  /** Records a recommendation (OPEN) for the responsible organisation; only while IN_PROGRESS. */
  recommend: Inspection;
  /** ADMIN: records (or corrects) an area’s population and households for a year. */
  recordAreaStatistics: Area;
  /** ADMIN: records (or corrects) the population and households of many areas for a year. All or nothing: a list with bad rows changes nothing and is refused with one BAD_USER_INPUT error whose extensions.rows lists every bad row as {index (from 0), field, message}. */
  recordAreaStatisticsBatch: Array<Area>;
  /** Records a donation and issues its receipt number. Idempotent on input.idempotencyKey: a retry returns the first donation and records nothing. */
  recordDonation: Donation;
  /** Records a list of donations (a campaign’s collection sheet), each still idempotent on its key, one DONATION_RECORDED event each. All or nothing: a list with bad rows changes nothing and is refused with one BAD_USER_INPUT error whose extensions.rows lists every bad row as {index (from 0), field, message}. */
  recordDonations: Array<Donation>;
  /** Records a member’s fee for a year; a second payment for the same year is a CONFLICT. */
  recordFeePayment: FeePayment;
  /** Records a list of fee payments (the fee book), one FEE_PAID event each. All or nothing: a list with bad rows changes nothing and is refused with one BAD_USER_INPUT error whose extensions.rows lists every bad row as {index (from 0), field, message}. */
  recordFeePayments: Array<FeePayment>;
  /** Records a finding; only while IN_PROGRESS. */
  recordFinding: Inspection;
  /** Records an activity spreading policy documents: ADMIN, or an OFFICER within the organisation’s subtree. */
  recordOutreachActivity: OutreachActivity;
  /** Records a course held (ADMIN, or an OFFICER of the organiser or above it). */
  recordTrainingCourse: TrainingCourse;
  /** Registers a candidate (đăng ký). ADMIN, or an OFFICER in its area and below. */
  registerLearningModel: LearningModelEntry;
  /** Registers a whole list (e.g. a commune’s families), all or nothing, up to 10,000 rows (and the gateway’s 1 MB request limit). A bad list is refused with one BAD_USER_INPUT error whose extensions.rows lists every bad row as {index, field, message}. */
  registerLearningModels: Array<LearningModelEntry>;
  /** Registers a directive, decision, plan or circular (ADMIN). A code already registered is a CONFLICT naming that document. */
  registerPolicyDocument: PolicyDocument;
  /** Registers a webhook; deliveries start with the changes made after it. DEPARTMENT or ADMIN. */
  registerWebhook: WebhookRegistration;
  /** Stops deliveries and removes the webhook (its delivery log is kept). */
  removeWebhook: Scalars['Boolean']['output'];
  /** ADMIN: applies a reorganisation of administrative units whole, or refuses it whole (BAD_USER_INPUT with extensions.problems: [{change, message}], change counted from 0) naming every problem. Closed units keep their figures; lineage links them to the new ones. */
  reorganizeAreas: AreaReorganization;
  /** Marks a recommendation DONE (once): ADMIN, or an OFFICER within the lead’s or the responsible organisation’s subtree. */
  resolveRecommendation: Recommendation;
  /** Resumes a paused webhook from where it stopped. */
  resumeWebhook: Webhook;
  /** Marks the ACTIVE card REVOKED or LOST; its number is never reused. */
  retireMemberCard: Member;
  /** Replaces the plan’s title, document and tasks, keeping what it replaced and why (WorkPlan.history). Organisation and year stay. */
  reviseWorkPlan: WorkPlan;
  /** ORDERED → DELIVERED or CANCELLED. */
  setCharterOrderStatus: CharterOrder;
  /** Records how many families (clans, villages, units) the area ITSELF has that year; an area’s rate adds the counts of its whole subtree. ADMIN, or an OFFICER in its area and below. */
  setEligibleCount: LearningModelRate;
  /** Sets the target share (0..1) of a kind for an area and year (chỉ tiêu); the areas below inherit it unless they set their own. ADMIN, or an OFFICER in its area and below. */
  setLearningModelTarget: LearningModelRate;
  /** Records a signed cooperation programme with a department (ADMIN). */
  signCooperationProgram: CooperationProgram;
  /** PLANNED → IN_PROGRESS. Writes on an inspection are decided by its lead: ADMIN, or an OFFICER within the lead’s subtree. */
  startInspection: Inspection;
  /** Moves money from one fund to another on `on` (e.g. a dissolved association’s fund to its successor’s): `amount` đồng, or the whole balance when left out. Never overdraws; old entries are never edited. ADMIN, or an OFFICER over both funds. */
  transferFund: FundTransfer;
  /** Moves a member to another organisation from the day `on`; the earlier membership stays in `memberships`. */
  transferMember: Member;
  /** Voids a mistaken donation with a reason: a compensating ledger entry, never a deletion. Voiding twice is a CONFLICT. */
  voidDonation: Donation;
};


export type MutationAdmitMemberArgs = {
  input: AdmitMemberInput;
};


export type MutationAdmitMembersArgs = {
  importId?: InputMaybe<Scalars['ID']['input']>;
  inputs: Array<AdmitMemberInput>;
};


export type MutationAdoptWorkPlanArgs = {
  input: AdoptWorkPlanInput;
};


export type MutationCancelInspectionArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationChangeMemberStatusArgs = {
  memberId: Scalars['ID']['input'];
  status: MemberStatus;
};


export type MutationCloseOrganizationArgs = {
  id: Scalars['ID']['input'];
  on: Scalars['Date']['input'];
  reason: Scalars['String']['input'];
  successorId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCompleteInspectionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCorrectLearningModelDecisionArgs = {
  criteriaCode?: InputMaybe<Scalars['String']['input']>;
  decidedOn: Scalars['Date']['input'];
  decisionNumber: Scalars['String']['input'];
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  recognized: Scalars['Boolean']['input'];
};


export type MutationCreateAreaArgs = {
  input: CreateAreaInput;
};


export type MutationCreateCommunityLearningCenterArgs = {
  areaId: Scalars['ID']['input'];
  establishedOn?: InputMaybe<Scalars['Date']['input']>;
  name: Scalars['String']['input'];
};


export type MutationCreateOrganizationArgs = {
  input: CreateOrganizationInput;
};


export type MutationDecideLearningModelArgs = {
  criteriaCode?: InputMaybe<Scalars['String']['input']>;
  decidedOn?: InputMaybe<Scalars['Date']['input']>;
  decisionNumber?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  recognized: Scalars['Boolean']['input'];
};


export type MutationErasePersonalDataArgs = {
  memberId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationEvaluateCommunityLearningCenterArgs = {
  grade: CenterGrade;
  id: Scalars['ID']['input'];
  replace?: Scalars['Boolean']['input'];
  year: Scalars['Int']['input'];
};


export type MutationGrantAwardArgs = {
  input: GrantAwardInput;
};


export type MutationIssueMemberCardArgs = {
  memberId: Scalars['ID']['input'];
};


export type MutationLaunchCampaignArgs = {
  input: LaunchCampaignInput;
};


export type MutationMoveOrganizationArgs = {
  areaId?: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  on: Scalars['Date']['input'];
  parentId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationOpenFundArgs = {
  name: Scalars['String']['input'];
  organizationId: Scalars['ID']['input'];
};


export type MutationPlaceCharterOrderArgs = {
  organizationId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};


export type MutationPlanInspectionArgs = {
  input: PlanInspectionInput;
};


export type MutationRecommendArgs = {
  dueOn?: InputMaybe<Scalars['Date']['input']>;
  inspectionId: Scalars['ID']['input'];
  responsibleId: Scalars['ID']['input'];
  text: Scalars['String']['input'];
};


export type MutationRecordAreaStatisticsArgs = {
  areaId: Scalars['ID']['input'];
  households: Scalars['Int']['input'];
  population: Scalars['Int']['input'];
  year: Scalars['Int']['input'];
};


export type MutationRecordAreaStatisticsBatchArgs = {
  importId?: InputMaybe<Scalars['ID']['input']>;
  rows: Array<AreaStatisticsRow>;
  year: Scalars['Int']['input'];
};


export type MutationRecordDonationArgs = {
  input: RecordDonationInput;
};


export type MutationRecordDonationsArgs = {
  importId?: InputMaybe<Scalars['ID']['input']>;
  inputs: Array<RecordDonationInput>;
};


export type MutationRecordFeePaymentArgs = {
  input: RecordFeePaymentInput;
};


export type MutationRecordFeePaymentsArgs = {
  importId?: InputMaybe<Scalars['ID']['input']>;
  inputs: Array<RecordFeePaymentInput>;
};


export type MutationRecordFindingArgs = {
  inspectionId: Scalars['ID']['input'];
  severity: Severity;
  summary: Scalars['String']['input'];
};


export type MutationRecordOutreachActivityArgs = {
  input: RecordOutreachActivityInput;
};


export type MutationRecordTrainingCourseArgs = {
  input: RecordTrainingCourseInput;
};


export type MutationRegisterLearningModelArgs = {
  input: RegisterLearningModelInput;
};


export type MutationRegisterLearningModelsArgs = {
  importId?: InputMaybe<Scalars['ID']['input']>;
  inputs: Array<RegisterLearningModelInput>;
};


export type MutationRegisterPolicyDocumentArgs = {
  input: RegisterPolicyDocumentInput;
};


export type MutationRegisterWebhookArgs = {
  input: RegisterWebhookInput;
};


export type MutationRemoveWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationReorganizeAreasArgs = {
  input: ReorganizeAreasInput;
};


export type MutationResolveRecommendationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationResumeWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRetireMemberCardArgs = {
  memberId: Scalars['ID']['input'];
  status: CardStatus;
};


export type MutationReviseWorkPlanArgs = {
  id: Scalars['ID']['input'];
  input: AdoptWorkPlanInput;
  reason: Scalars['String']['input'];
};


export type MutationSetCharterOrderStatusArgs = {
  id: Scalars['ID']['input'];
  status: CharterOrderStatus;
};


export type MutationSetEligibleCountArgs = {
  areaId: Scalars['ID']['input'];
  count: Scalars['Int']['input'];
  kind: LearningModelKind;
  year: Scalars['Int']['input'];
};


export type MutationSetLearningModelTargetArgs = {
  areaId: Scalars['ID']['input'];
  kind: LearningModelKind;
  target: Scalars['Float']['input'];
  year: Scalars['Int']['input'];
};


export type MutationSignCooperationProgramArgs = {
  input: SignCooperationProgramInput;
};


export type MutationStartInspectionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationTransferFundArgs = {
  amount?: InputMaybe<Scalars['Vnd']['input']>;
  fromFundId: Scalars['ID']['input'];
  on: Scalars['Date']['input'];
  reason: Scalars['String']['input'];
  toFundId: Scalars['ID']['input'];
};


export type MutationTransferMemberArgs = {
  memberId: Scalars['ID']['input'];
  on: Scalars['Date']['input'];
  organizationId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationVoidDonationArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};

/** A unit a change opens. */
export type NewAreaInput = {
  code: Scalars['String']['input'];
  /** Unit type in Vietnamese (xã, phường, tỉnh…). */
  kind?: InputMaybe<Scalars['String']['input']>;
  level: AreaLevel;
  name: Scalars['String']['input'];
  /** The unit it lies in. A unit closed by a MERGE or RENAME of the same plan stands for the unit that replaces it (e.g. the former province for the new one). Default: the common parent of the merged units. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** SPLIT: the share (0..1] of the old unit’s population this part takes; the shares of one split add up to 1. A part whose code is opened by another change of the plan joins that unit instead of opening one. */
  populationShare?: InputMaybe<Scalars['Float']['input']>;
};

/** Anything with a global id; `node(id)` finds it. */
export type Node = {
  id: Scalars['ID']['output'];
};

/** An organisation of the association (tổ chức Hội); owned by membership. */
export type Organization = Node & {
  __typename?: 'Organization';
  /** Ids of the organisations above it, the root first. */
  ancestorIds: Array<Scalars['ID']['output']>;
  area: Area;
  children: Array<Organization>;
  /** Day the organisation was dissolved; null while active. */
  closedOn?: Maybe<Scalars['Date']['output']>;
  /** Founding date (ngày thành lập). */
  foundedOn?: Maybe<Scalars['Date']['output']>;
  /** The Study Promotion Fund the organisation keeps, if any. */
  fund?: Maybe<Fund>;
  host: HostKind;
  id: Scalars['ID']['output'];
  kind: OrganizationKind;
  /** Its members (with includeDescendants, also those of the organisations below it). */
  members: MemberConnection;
  /** Membership figures at the end of `year`, over the organisation and (by default) all below it. */
  membershipStats: MembershipStats;
  name: Scalars['String']['output'];
  /** Recommendations (kiến nghị) still OPEN that this organisation is responsible for. */
  openRecommendations: Scalars['Int']['output'];
  parent?: Maybe<Organization>;
  /** Where it sat over time, oldest first. */
  placements: Array<OrganizationPlacement>;
  /** The organisation that took over when it was dissolved. */
  successor?: Maybe<Organization>;
};


/** An organisation of the association (tổ chức Hội); owned by membership. */
export type OrganizationMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDescendants?: Scalars['Boolean']['input'];
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<MemberStatus>;
};


/** An organisation of the association (tổ chức Hội); owned by membership. */
export type OrganizationMembershipStatsArgs = {
  includeDescendants?: Scalars['Boolean']['input'];
  year: Scalars['Int']['input'];
};

export type OrganizationKind =
  /** Hội Khuyến học (province, district, commune, university, college…) */
  | 'ASSOCIATION'
  /** Ban Khuyến học (department, union, armed forces, enterprise, clan) */
  | 'BOARD'
  /** Chi hội (village, school, agency) */
  | 'BRANCH';

/** Where an organisation sat during a period, and why it moved or closed. */
export type OrganizationPlacement = {
  __typename?: 'OrganizationPlacement';
  area: Area;
  from?: Maybe<Scalars['Date']['output']>;
  parent?: Maybe<Organization>;
  reason?: Maybe<Scalars['String']['output']>;
  /** Exclusive; null while current. */
  to?: Maybe<Scalars['Date']['output']>;
};

/** An activity spreading policy documents (tuyên truyền, quán triệt): a meeting, media, a publication, a training. */
export type OutreachActivity = Node & {
  __typename?: 'OutreachActivity';
  /** People reached (lượt người). */
  audience: Scalars['Int']['output'];
  channel: OutreachChannel;
  documents: Array<PolicyDocument>;
  heldOn: Scalars['Date']['output'];
  id: Scalars['ID']['output'];
  organization: Organization;
  /** What was done, in a sentence. */
  summary?: Maybe<Scalars['String']['output']>;
};

/** A page of outreach activities, latest first. */
export type OutreachActivityConnection = {
  __typename?: 'OutreachActivityConnection';
  edges: Array<OutreachActivityEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, all pages together. */
  totalCount: Scalars['Int']['output'];
};

export type OutreachActivityEdge = {
  __typename?: 'OutreachActivityEdge';
  cursor: Scalars['String']['output'];
  node: OutreachActivity;
};

export type OutreachChannel =
  /** Báo, đài, mạng */
  | 'MEDIA'
  /** Hội nghị, họp quán triệt */
  | 'MEETING'
  /** Hình thức khác */
  | 'OTHER'
  /** Tài liệu, ấn phẩm */
  | 'PUBLICATION'
  /** Tập huấn */
  | 'TRAINING';

/** Where a page of a connection ends. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** Everything the platform holds about one member: ADMIN, or the member themself. */
export type PersonalData = {
  __typename?: 'PersonalData';
  /** Donations made as this member, in the order they were recorded. */
  donations: Array<Donation>;
  /** Profile, membership periods, card and fees. */
  member: Member;
  /** Who read the member’s phone number or birth year, and when, newest first. */
  reads: Array<PersonalDataRead>;
};

/** One read of a member’s personal fields (phone number, birth year): who, with which role, when. */
export type PersonalDataRead = {
  __typename?: 'PersonalDataRead';
  /** The fields read, e.g. ["phone", "birthYear"]. */
  fields: Array<Scalars['String']['output']>;
  readAt: Scalars['DateTime']['output'];
  /** Token subject of the reader. */
  readerId: Scalars['String']['output'];
  role: Scalars['String']['output'];
};

/** An indicator of a task (chỉ tiêu): its target and its live actual value for the plan’s organisation and each child area. */
export type PlanIndicator = {
  __typename?: 'PlanIndicator';
  /** The metric for the plan’s organisation (its area, in the tree of the year), from the subgraph that owns it. */
  actual?: Maybe<Scalars['Float']['output']>;
  /** The area the figures are for. */
  areaId: Scalars['ID']['output'];
  /** This metric for each child area of the plan’s organisation, in the tree of the plan’s year. */
  byArea: Array<AreaFigures>;
  id: Scalars['ID']['output'];
  /** actual ≥ target; null without a target or an actual. */
  met?: Maybe<Scalars['Boolean']['output']>;
  metric: PlanMetric;
  /** null: a figure the plan follows without a number. */
  target?: Maybe<Scalars['Float']['output']>;
  year: Scalars['Int']['output'];
};

/** An indicator (chỉ tiêu): a metric and, when the plan states one, its target. */
export type PlanIndicatorInput = {
  metric: PlanMetric;
  /** Rates and shares as 0..1 (40 % is 0.4); VND and counts as numbers. Leave it out for a figure the plan follows without a number. */
  target?: InputMaybe<Scalars['Float']['input']>;
};

/** An inspection to plan: the lead organisation decides who may record on it later. */
export type PlanInspectionInput = {
  /** The policy documents whose carrying out is inspected (at least one). */
  documentIds: Array<Scalars['ID']['input']>;
  /** Not before startsOn. */
  endsOn?: InputMaybe<Scalars['Date']['input']>;
  /** The organisation leading the inspection (đơn vị chủ trì). */
  leadId: Scalars['ID']['input'];
  /** Departments taking part; trimmed, repeated names kept once. */
  partners: Array<Scalars['String']['input']>;
  startsOn: Scalars['Date']['input'];
  /** The organisations inspected (at least one). */
  subjectIds: Array<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
};

/** What a work plan’s indicator measures (chỉ tiêu); each is computed by the subgraph that owns the figure, for an area in the tree of that year. */
export type PlanMetric =
  | 'AWARDS_GRANTED'
  | 'CADRES_TRAINED'
  | 'CARD_ISSUANCE_RATE'
  | 'CENTERS_RATED_GOOD_RATE'
  | 'CHARTER_BOOKLETS'
  | 'CITIZEN_RATE'
  | 'CLAN_RATE'
  | 'COMMUNITY_RATE'
  | 'COOPERATION_PROGRAMS'
  | 'FAMILY_RATE'
  | 'FEE_COLLECTION_RATE'
  | 'FUNDS_RAISED'
  | 'FUND_PER_CAPITA'
  | 'INSPECTIONS_COMPLETED'
  | 'MEMBERS'
  | 'MEMBERSHIP_SHARE'
  | 'NEW_MEMBERS'
  | 'NEW_ORGANIZATIONS'
  | 'OUTREACH_ACTIVITIES'
  | 'RECOMMENDATIONS_RESOLVED_RATE'
  | 'UNIT_RATE';

/** A task of the plan (nhiệm vụ). */
export type PlanTask = {
  __typename?: 'PlanTask';
  indicators: Array<PlanIndicator>;
  number: Scalars['Int']['output'];
  title: Scalars['String']['output'];
};

export type PlanTaskInput = {
  indicators: Array<PlanIndicatorInput>;
  /** The task’s number in the plan (1, 2, …), unique within it. */
  number: Scalars['Int']['input'];
  title: Scalars['String']['input'];
};

/** A directive, decision, plan or circular (văn bản chỉ đạo) whose carrying out is spread and inspected. */
export type PolicyDocument = Node & {
  __typename?: 'PolicyDocument';
  /** Số hiệu, e.g. "11-CT/TW"; unique regardless of case. */
  code: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Ngày ban hành. */
  issuedOn?: Maybe<Scalars['Date']['output']>;
  /** Cơ quan ban hành, e.g. "Bộ Chính trị". */
  issuer: Scalars['String']['output'];
  kind: DocumentKind;
  /** Trích yếu: what the document is about. */
  title: Scalars['String']['output'];
};

/** A page of policy documents, oldest issued first (undated last). */
export type PolicyDocumentConnection = {
  __typename?: 'PolicyDocumentConnection';
  edges: Array<PolicyDocumentEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, all pages together. */
  totalCount: Scalars['Int']['output'];
};

export type PolicyDocumentEdge = {
  __typename?: 'PolicyDocumentEdge';
  cursor: Scalars['String']['output'];
  node: PolicyDocument;
};

export type Query = {
  __typename?: 'Query';
  /** An area by id or by code; a code is read on the day `on` (default today), since codes are reused over time. */
  area?: Maybe<Area>;
  /** Every reorganisation applied, oldest effective date first. */
  areaReorganizations: Array<AreaReorganization>;
  /** Units valid on the day `on` (default today), by level and/or parent, ordered by code. */
  areas: Array<Area>;
  /** Areas by id, in the order asked (null where none exists). */
  areasByIds: Array<Maybe<Area>>;
  /** Awards in the order they were given; by fund, year and/or category. */
  awards: Array<Award>;
  /** Awards by id, in the order asked (null where none exists). */
  awardsByIds: Array<Maybe<Award>>;
  /** Campaigns, newest year first; by year and/or fund. */
  campaigns: Array<Campaign>;
  /** Charter booklet orders, newest first (of one organisation, or all). */
  charterOrders: Array<CharterOrder>;
  /** Centres of the communes in the area and below (all when areaId is left out), by name. */
  communityLearningCenters: Array<CommunityLearningCenter>;
  /** One comparable year by its id "<areaId>:<year>". */
  comparableYear?: Maybe<ComparableYear>;
  /** Cooperation programmes, oldest signed first; optionally with one partner, or in force on a day. */
  cooperationPrograms: Array<CooperationProgram>;
  /** The same list as `cooperationPrograms`, a page at a time (cursor connection, like `members`): for lists longer than the 2,000 it returns. */
  cooperationProgramsPage: CooperationProgramConnection;
  /** Donations in the order they were recorded; pass the last one’s `cursor` as `after` for the next page (at most 500 a page). */
  donations: Array<Donation>;
  /** Donations by id, in the order asked (null where none exists). */
  donationsByIds: Array<Maybe<Donation>>;
  /**
   * A download link (about 10 minutes). YEAR_REPORT (organizationId, year) as XLSX (a summary sheet and a sheet per task)
   * or HTML (a printable page with charts). As XLSX or CSV (UTF-8 with BOM): MEMBERS (organizationId: its whole subtree),
   * DONATIONS (fundId: a fund, or a campaign id for one campaign), LEARNING_MODEL_ENTRIES (year, areaId optional),
   * AREA_STATISTICS (year). PERSONAL_DATA (memberId) as XLSX: what personalData holds about that member, a sheet per part;
   * ADMIN, or the member themself (another caller's link is refused when opened).
   */
  export: Download;
  fund?: Maybe<Fund>;
  /** Changes made through fundraising, newest first: by entity, actor (token subject) and time (ADMIN only). */
  fundraisingAuditTrail: Array<AuditEntry>;
  /** ADMIN or OFFICER: the progress of an import’s bulk write in fundraising; null before its first chunk. */
  fundraisingImportProgress?: Maybe<ImportWriteProgress>;
  /** Funds by name; `organizationId`: that organisation’s fund; `areaId`: funds of organisations in that area and below. */
  funds: Array<Fund>;
  /** An import by id (the Location of POST /imports/{kind}); null when unknown or not the caller's to see. */
  import?: Maybe<Import>;
  /** Recent imports, newest first: ADMIN sees all; others what they or their organisation uploaded. */
  imports: Array<Import>;
  inspection?: Maybe<Inspection>;
  /** Inspections, latest start first: by status, the year they start in, lead, subject and/or document. */
  inspections: Array<Inspection>;
  /** Changes made through inspections, newest first: by entity, actor (token subject) and time (ADMIN only). */
  inspectionsAuditTrail: Array<AuditEntry>;
  /** Inspections by id, in the order asked (null where none exists): for subscriptions and systems that hold many ids. */
  inspectionsByIds: Array<Maybe<Inspection>>;
  /** The same list as `inspections`, a page at a time (cursor connection, like `members`): for lists longer than the 2,000 `inspections` returns. */
  inspectionsPage: InspectionConnection;
  /** Entries of a year in the area and below it (all areas when areaId is left out), in registration order; page with `after` = the last id’s cursor (`cursor` field). */
  learningModelEntries: Array<LearningModelEntry>;
  /** Entries by id, in the order asked (null where none exists). */
  learningModelEntriesByIds: Array<Maybe<LearningModelEntry>>;
  /** Changes made through learning-models, newest first: by entity, actor (token subject) and time (ADMIN only). */
  learningModelsAuditTrail: Array<AuditEntry>;
  /** ADMIN or OFFICER: the progress of an import’s bulk write in learning-models; null before its first chunk. */
  learningModelsImportProgress?: Maybe<ImportWriteProgress>;
  member?: Maybe<Member>;
  /** The member a card number was issued to (whatever the card’s status). */
  memberByCard?: Maybe<Member>;
  /** The members of an organisation and every organisation below it as plain rows for a file (Query.export MEMBERS), up to 10000 a page. */
  memberExportPage: MemberExportPage;
  /** Members, newest last (or best match first: `orderBy`). `search` ignores Vietnamese diacritics and case: "nguyen van a" finds "Nguyễn Văn A". */
  members: MemberConnection;
  /** Members by id, in the order asked (null where none exists). */
  membersByIds: Array<Maybe<Member>>;
  /** Changes made through membership, newest first: by entity, actor (token subject) and time (ADMIN only). */
  membershipAuditTrail: Array<AuditEntry>;
  /** ADMIN or OFFICER: the progress of an import’s bulk write in membership; null before its first chunk. */
  membershipImportProgress?: Maybe<ImportWriteProgress>;
  /** Anything with a global id: the id’s prefix tells its type; other subgraphs fill in their own types’ fields. */
  node?: Maybe<Node>;
  organization?: Maybe<Organization>;
  /** Organisations by kind, area and/or parent, in tree order. */
  organizations: Array<Organization>;
  /** Organisations by id, in the order asked (null where none exists): for clients and systems that hold many ids. */
  organizationsByIds: Array<Maybe<Organization>>;
  /** Outreach activities, latest first: by the year held, organisation and/or document spread. */
  outreachActivities: Array<OutreachActivity>;
  /** The same list as `outreachActivities`, a page at a time (cursor connection, like `members`): for lists longer than the 2,000 it returns. */
  outreachActivitiesPage: OutreachActivityConnection;
  /** Everything held about one member, across the subgraphs (Law 91/2025/QH15): ADMIN, or the member themself. */
  personalData: PersonalData;
  /** Changes made through plans, newest first: by entity, actor (token subject) and time (ADMIN only). */
  plansAuditTrail: Array<AuditEntry>;
  /** One policy document by id or by code (case does not matter). */
  policyDocument?: Maybe<PolicyDocument>;
  /** Policy documents (văn bản), oldest first, optionally of one kind. */
  policyDocuments: Array<PolicyDocument>;
  /** The same list as `policyDocuments`, a page at a time (cursor connection, like `members`): for lists longer than the 2,000 it returns. */
  policyDocumentsPage: PolicyDocumentConnection;
  /** Recommendations, newest first, by responsible organisation, status and/or inspection. */
  recommendations: Array<Recommendation>;
  /** The same list as `recommendations`, a page at a time (cursor connection, like `members`): for lists longer than the 2,000 it returns. */
  recommendationsPage: RecommendationConnection;
  /** Courses held in a year (all when left out), newest first; organizerId keeps those of that organisation and below. */
  trainingCourses: Array<TrainingCourse>;
  /** Your webhooks (ADMIN: every webhook). DEPARTMENT or ADMIN. */
  webhooks: Array<Webhook>;
  workPlan?: Maybe<WorkPlan>;
  /** Plans, newest year first; filtered by organisation and year. */
  workPlans: Array<WorkPlan>;
  /** The yearly report (báo cáo tổng kết): every metric for the organisation’s area and each child area in the tree of that year, targets from the plan adopted for that year. */
  yearReport: YearReport;
};


export type QueryAreaArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  on?: InputMaybe<Scalars['Date']['input']>;
};


export type QueryAreasArgs = {
  level?: InputMaybe<AreaLevel>;
  on?: InputMaybe<Scalars['Date']['input']>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryAreasByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryAwardsArgs = {
  category?: InputMaybe<AwardCategory>;
  fundId?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAwardsByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryCampaignsArgs = {
  fundId?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCharterOrdersArgs = {
  organizationId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCommunityLearningCentersArgs = {
  areaId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryComparableYearArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCooperationProgramsArgs = {
  activeOn?: InputMaybe<Scalars['Date']['input']>;
  partner?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCooperationProgramsPageArgs = {
  activeOn?: InputMaybe<Scalars['Date']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  partner?: InputMaybe<Scalars['String']['input']>;
};


export type QueryDonationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  campaignId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  fundId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryDonationsByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryExportArgs = {
  areaId?: InputMaybe<Scalars['ID']['input']>;
  format?: InputMaybe<ExportFormat>;
  fundId?: InputMaybe<Scalars['ID']['input']>;
  kind: ExportKind;
  memberId?: InputMaybe<Scalars['ID']['input']>;
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryFundArgs = {
  id: Scalars['ID']['input'];
};


export type QueryFundraisingAuditTrailArgs = {
  actor?: InputMaybe<Scalars['String']['input']>;
  entityId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryFundraisingImportProgressArgs = {
  importId: Scalars['ID']['input'];
};


export type QueryFundsArgs = {
  areaId?: InputMaybe<Scalars['ID']['input']>;
  organizationId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryImportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryImportsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<ImportKind>;
};


export type QueryInspectionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryInspectionsArgs = {
  documentId?: InputMaybe<Scalars['ID']['input']>;
  leadId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<InspectionStatus>;
  subjectId?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryInspectionsAuditTrailArgs = {
  actor?: InputMaybe<Scalars['String']['input']>;
  entityId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryInspectionsByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryInspectionsPageArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  documentId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  leadId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<InspectionStatus>;
  subjectId?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLearningModelEntriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  areaId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<LearningModelKind>;
  status?: InputMaybe<LearningModelStatus>;
  year: Scalars['Int']['input'];
};


export type QueryLearningModelEntriesByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryLearningModelsAuditTrailArgs = {
  actor?: InputMaybe<Scalars['String']['input']>;
  entityId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryLearningModelsImportProgressArgs = {
  importId: Scalars['ID']['input'];
};


export type QueryMemberArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMemberByCardArgs = {
  number: Scalars['String']['input'];
};


export type QueryMemberExportPageArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId: Scalars['ID']['input'];
};


export type QueryMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeDescendants?: Scalars['Boolean']['input'];
  orderBy?: MemberOrder;
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<MemberStatus>;
};


export type QueryMembersByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryMembershipAuditTrailArgs = {
  actor?: InputMaybe<Scalars['String']['input']>;
  entityId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryMembershipImportProgressArgs = {
  importId: Scalars['ID']['input'];
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrganizationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrganizationsArgs = {
  areaId?: InputMaybe<Scalars['ID']['input']>;
  kind?: InputMaybe<OrganizationKind>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryOrganizationsByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryOutreachActivitiesArgs = {
  documentId?: InputMaybe<Scalars['ID']['input']>;
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOutreachActivitiesPageArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  documentId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPersonalDataArgs = {
  memberId: Scalars['ID']['input'];
};


export type QueryPlansAuditTrailArgs = {
  actor?: InputMaybe<Scalars['String']['input']>;
  entityId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryPolicyDocumentArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPolicyDocumentsArgs = {
  kind?: InputMaybe<DocumentKind>;
};


export type QueryPolicyDocumentsPageArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<DocumentKind>;
};


export type QueryRecommendationsArgs = {
  inspectionId?: InputMaybe<Scalars['ID']['input']>;
  responsibleId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<RecommendationStatus>;
};


export type QueryRecommendationsPageArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  inspectionId?: InputMaybe<Scalars['ID']['input']>;
  responsibleId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<RecommendationStatus>;
};


export type QueryTrainingCoursesArgs = {
  organizerId?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryWorkPlanArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkPlansArgs = {
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  year?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryYearReportArgs = {
  organizationId: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};

/** A recommendation (kiến nghị) of an inspection, addressed to the organisation responsible for it; OPEN until resolved. */
export type Recommendation = {
  __typename?: 'Recommendation';
  createdAt: Scalars['DateTime']['output'];
  dueOn?: Maybe<Scalars['Date']['output']>;
  id: Scalars['ID']['output'];
  inspection: Inspection;
  /** The day it was resolved (DONE). */
  resolvedOn?: Maybe<Scalars['Date']['output']>;
  /** The organisation that has to act on it. */
  responsible: Organization;
  status: RecommendationStatus;
  text: Scalars['String']['output'];
};

/** A page of recommendations, newest first. */
export type RecommendationConnection = {
  __typename?: 'RecommendationConnection';
  edges: Array<RecommendationEdge>;
  pageInfo: PageInfo;
  /** Items matching the filters, all pages together. */
  totalCount: Scalars['Int']['output'];
};

export type RecommendationEdge = {
  __typename?: 'RecommendationEdge';
  cursor: Scalars['String']['output'];
  node: Recommendation;
};

export type RecommendationStatus =
  /** Đã thực hiện */
  | 'DONE'
  /** Chưa thực hiện */
  | 'OPEN';

/** A donation received by a fund. Idempotent on `idempotencyKey`. */
export type RecordDonationInput = {
  /** Whole dong, positive. */
  amount: Scalars['Vnd']['input'];
  /** A campaign of the same fund, in the year of `receivedOn`. */
  campaignId?: InputMaybe<Scalars['ID']['input']>;
  /** PERSON (the default) or ORGANIZATION, whose name every reader sees. */
  donorKind?: InputMaybe<DonorKind>;
  /** When the donor is a member of the association. */
  donorMemberId?: InputMaybe<Scalars['ID']['input']>;
  donorName: Scalars['String']['input'];
  fundId: Scalars['ID']['input'];
  /** Chosen by the client, the same on every retry of this donation (e.g. a UUID). The first request records; retries with the same content return that donation; different content under the same key is a CONFLICT. */
  idempotencyKey: Scalars['String']['input'];
  method: DonationMethod;
  receivedOn: Scalars['Date']['input'];
};

export type RecordFeePaymentInput = {
  /** Whole dong, positive. */
  amount: Scalars['Vnd']['input'];
  memberId: Scalars['ID']['input'];
  paidOn: Scalars['Date']['input'];
  receiptNumber?: InputMaybe<Scalars['String']['input']>;
  year: Scalars['Int']['input'];
};

/** An outreach activity held by an organisation (ADMIN, or an OFFICER within its subtree). */
export type RecordOutreachActivityInput = {
  audience: Scalars['Int']['input'];
  channel: OutreachChannel;
  /** The documents spread (at least one). */
  documentIds: Array<Scalars['ID']['input']>;
  heldOn: Scalars['Date']['input'];
  organizationId: Scalars['ID']['input'];
  summary?: InputMaybe<Scalars['String']['input']>;
};

/** A training course that took place. */
export type RecordTrainingCourseInput = {
  heldOn: Scalars['Date']['input'];
  /** The organisation that held it. */
  organizerId: Scalars['ID']['input'];
  /** Cadres trained, > 0. */
  participants: Scalars['Int']['input'];
  title: Scalars['String']['input'];
};

/** A candidate for recognition (đăng ký). */
export type RegisterLearningModelInput = {
  /** FAMILY, CLAN, COMMUNITY: a village or commune; UNIT: any area. */
  areaId: Scalars['ID']['input'];
  kind: LearningModelKind;
  /** Head of family, clan name, village name or unit name. */
  name: Scalars['String']['input'];
  year: Scalars['Int']['input'];
};

/** A policy document to register (ADMIN). */
export type RegisterPolicyDocumentInput = {
  /** Số hiệu, e.g. "89/QĐ-TTg"; unique regardless of case. */
  code: Scalars['String']['input'];
  issuedOn?: InputMaybe<Scalars['Date']['input']>;
  issuer: Scalars['String']['input'];
  kind: DocumentKind;
  title: Scalars['String']['input'];
};

export type RegisterWebhookInput = {
  areaId?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<EventType>>;
  url: Scalars['String']['input'];
};

/** A reorganisation decided by one act (quyết định / nghị quyết), applied whole on its effective date. */
export type ReorganizeAreasInput = {
  changes: Array<AreaChangeInput>;
  decidedOn: Scalars['Date']['input'];
  /** Number of the decision, e.g. "1666/NQ-UBTVQH15". */
  decisionNumber: Scalars['String']['input'];
  /** First day of the new tree: closed units end the day before (validTo = effectiveOn, exclusive). */
  effectiveOn: Scalars['Date']['input'];
};

/** How serious a finding (phát hiện) is. */
export type Severity =
  | 'INFO'
  | 'MAJOR'
  | 'MINOR';

/** A signed cooperation programme (ADMIN). */
export type SignCooperationProgramInput = {
  /** The partner department. */
  partner: Scalars['String']['input'];
  signedOn: Scalars['Date']['input'];
  title: Scalars['String']['input'];
  /** Not before signedOn. */
  validUntil?: InputMaybe<Scalars['Date']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Every event after `after` first (replay), then live ones; filtered by types and by area subtree. ADMIN, DEPARTMENT, ANALYST; an OFFICER sees its own area's subtree. */
  events: DomainEvent;
};


export type SubscriptionEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  areaId?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<EventType>>;
};

/** A course training association cadres on lifelong learning for adults (tập huấn cán bộ Hội, task 7). */
export type TrainingCourse = Node & {
  __typename?: 'TrainingCourse';
  heldOn: Scalars['Date']['output'];
  id: Scalars['ID']['output'];
  organizer: Organization;
  participants: Scalars['Int']['output'];
  title: Scalars['String']['output'];
};

/** A departmental system's HTTP endpoint that receives signed POSTs of events (see docs/subscriptions.md). */
export type Webhook = {
  __typename?: 'Webhook';
  /** false once paused after repeated failures; resumeWebhook turns it on again. */
  active: Scalars['Boolean']['output'];
  /** Only events in this area's subtree; null: everywhere. */
  areaId?: Maybe<Scalars['ID']['output']>;
  consecutiveFailures: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** The latest delivery attempts, newest first. */
  deliveries: Array<WebhookDelivery>;
  id: Scalars['ID']['output'];
  /**
   * Events removed by retention (EVENT_RETENTION_DAYS) before this webhook received them; null when none.
   * Reported with the next delivery (its `gap` field), then cleared.
   */
  lostEvents?: Maybe<WebhookGap>;
  /** The event types delivered; empty: every type. */
  types: Array<EventType>;
  url: Scalars['String']['output'];
};


/** A departmental system's HTTP endpoint that receives signed POSTs of events (see docs/subscriptions.md). */
export type WebhookDeliveriesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One event's delivery to a webhook: retried with exponential backoff until acknowledged (HTTP 2xx). */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  attempts: Scalars['Int']['output'];
  cursor: Scalars['String']['output'];
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  eventType?: Maybe<EventType>;
  lastError?: Maybe<Scalars['String']['output']>;
  lastStatus?: Maybe<Scalars['Int']['output']>;
};

/** Events this webhook will never receive: the cursors after afterCursor through throughCursor; resynchronise them by querying the graph. */
export type WebhookGap = {
  __typename?: 'WebhookGap';
  afterCursor: Scalars['String']['output'];
  /** how many of the removed events matched the webhook's types and area */
  events: Scalars['Int']['output'];
  throughCursor: Scalars['String']['output'];
};

export type WebhookRegistration = {
  __typename?: 'WebhookRegistration';
  /** The signing secret, shown only here: keep it to verify the X-KHG-Signature header. */
  secret: Scalars['String']['output'];
  webhook: Webhook;
};

/** A yearly work plan (kế hoạch công tác năm) of an organisation: tasks with indicators whose actual values come live from the subgraph that owns each figure. */
export type WorkPlan = Node & {
  __typename?: 'WorkPlan';
  /** When it was adopted. */
  createdAt: Scalars['DateTime']['output'];
  /** The signed plan (kind PLAN), when registered. */
  document?: Maybe<PolicyDocument>;
  /** Every revision, oldest first: the reason and what it replaced. */
  history: Array<WorkPlanRevision>;
  id: Scalars['ID']['output'];
  organization: Organization;
  /** How many times it was revised since adoption (0: as adopted). */
  revisions: Scalars['Int']['output'];
  tasks: Array<PlanTask>;
  /** Trích yếu, e.g. "Kế hoạch công tác năm 2018". */
  title: Scalars['String']['output'];
  year: Scalars['Int']['output'];
};

/** One revision of a work plan: why, by whom, and what it replaced. */
export type WorkPlanRevision = {
  __typename?: 'WorkPlanRevision';
  previousTitle: Scalars['String']['output'];
  /** Lý do điều chỉnh. */
  reason: Scalars['String']['output'];
  revisedAt: Scalars['DateTime']['output'];
  revisedBy: Scalars['String']['output'];
  revision: Scalars['Int']['output'];
};

/** The yearly report (báo cáo tổng kết): every metric for the organisation and each child area, targets from its plan. */
export type YearReport = {
  __typename?: 'YearReport';
  /** The area the figures are for. */
  areaId: Scalars['ID']['output'];
  /** Every metric for each child area, in the tree of that year. */
  byArea: Array<AreaFigures>;
  id: Scalars['ID']['output'];
  organization: Organization;
  /** The plan adopted for that year, if any. */
  plan?: Maybe<WorkPlan>;
  /** Every metric for the organisation’s area, targets from its plan. */
  values: Array<MetricValue>;
  year: Scalars['Int']['output'];
};

export type ProvinceDashboardQueryVariables = Exact<{
  code: Scalars['String']['input'];
  on: Scalars['Date']['input'];
  year: Scalars['Int']['input'];
}>;


export type ProvinceDashboardQuery = { __typename?: 'Query', area?: { __typename?: 'Area', id: string, name: string, fundraising: { __typename?: 'FundraisingStats', raised: number, perCapita?: number | null, perCapitaTarget?: number | null, targetMet?: boolean | null }, children: Array<{ __typename?: 'Area', id: string, name: string, population?: number | null, learningModels: Array<{ __typename?: 'LearningModelRate', kind: LearningModelKind, rate: number, target?: number | null, targetMet?: boolean | null }>, fundraising: { __typename?: 'FundraisingStats', raised: number, perCapita?: number | null, perCapitaTarget?: number | null, targetMet?: boolean | null } }> } | null, organizations: Array<{ __typename?: 'Organization', id: string, name: string, area: { __typename?: 'Area', name: string, level: AreaLevel }, membershipStats: { __typename?: 'MembershipStats', members: number, activeMembers: number, cardIssuanceRate: number, feeCollectionRate: number } }> };

export type LiveEventsSubscriptionVariables = Exact<{
  types?: InputMaybe<Array<EventType> | EventType>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type LiveEventsSubscription = { __typename?: 'Subscription', events: { __typename?: 'DomainEvent', cursor: string, type: EventType, occurredAt: string, subjectId: string, member?: { __typename?: 'Member', fullName: string, organization: { __typename?: 'Organization', name: string } } | null, donation?: { __typename?: 'Donation', amount: number, donorName: string } | null } };

export type MemberSearchQueryVariables = Exact<{
  search: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type MemberSearchQuery = { __typename?: 'Query', members: { __typename?: 'MemberConnection', totalCount: number, totalCountIsEstimate: boolean, edges: Array<{ __typename?: 'MemberEdge', node: { __typename?: 'Member', id: string, fullName: string, status: MemberStatus, card?: { __typename?: 'MemberCard', number: string, status: CardStatus } | null, organization: { __typename?: 'Organization', name: string, area: { __typename?: 'Area', name: string } } } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ProvinceDashboardDocument = new TypedDocumentString(`
    query ProvinceDashboard($code: String!, $on: Date!, $year: Int!) {
  area(code: $code, on: $on) {
    id
    name
    fundraising(year: $year) {
      raised
      perCapita
      perCapitaTarget
      targetMet
    }
    children(on: $on) {
      id
      name
      population(year: $year)
      learningModels(year: $year) {
        kind
        rate
        target
        targetMet
      }
      fundraising(year: $year) {
        raised
        perCapita
        perCapitaTarget
        targetMet
      }
    }
  }
  organizations(kind: ASSOCIATION) {
    id
    name
    area {
      name
      level
    }
    membershipStats(year: $year) {
      members
      activeMembers
      cardIssuanceRate
      feeCollectionRate
    }
  }
}
    `, {"sha256Hash":"979d143d2dd7a59bf74e81819d8f003e0eaf643052130bd19ad8c199f417f73d"}) as unknown as TypedDocumentString<ProvinceDashboardQuery, ProvinceDashboardQueryVariables>;
export const LiveEventsDocument = new TypedDocumentString(`
    subscription LiveEvents($types: [EventType!], $after: String) {
  events(types: $types, after: $after) {
    cursor
    type
    occurredAt
    subjectId
    member {
      fullName
      organization {
        name
      }
    }
    donation {
      amount
      donorName
    }
  }
}
    `, {"sha256Hash":"9d210399cee3b1640fe810b834d32fd16e5e240b521846533083a42ec5845cea"}) as unknown as TypedDocumentString<LiveEventsSubscription, LiveEventsSubscriptionVariables>;
export const MemberSearchDocument = new TypedDocumentString(`
    query MemberSearch($search: String!, $first: Int = 20) {
  members(search: $search, first: $first, orderBy: BEST_MATCH) {
    totalCount
    totalCountIsEstimate
    edges {
      node {
        id
        fullName
        status
        card {
          number
          status
        }
        organization {
          name
          area {
            name
          }
        }
      }
    }
  }
}
    `, {"sha256Hash":"edf36723cf050c6e18bc2e14f5db3767dfb16e5c240370b1244a3f36967b7902"}) as unknown as TypedDocumentString<MemberSearchQuery, MemberSearchQueryVariables>;