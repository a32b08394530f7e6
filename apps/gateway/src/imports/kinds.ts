import { DonationMethod, Gender, ID_PREFIX, LearningModelKind, typeOfId, type IdType } from '@khg/domain';
import { cellChoice, cellDate, cellInt, cellPhone, cellText, cellVnd, type CellResult, type RawCell } from './cells';

/** The contract's ImportKind, and the file names and paths it goes by (lower case, hyphens). */
export const IMPORT_KINDS = ['MEMBERS', 'AREA_STATISTICS', 'LEARNING_MODELS', 'DONATIONS', 'FEE_PAYMENTS'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const slugOf = (k: ImportKind) => k.toLowerCase().replace(/_/g, '-');
export const kindOfSlug = (slug: string): ImportKind | undefined => IMPORT_KINDS.find((k) => slugOf(k) === slug);

/** The query parameters an upload may carry. */
export interface ImportParams {
  organizationId?: string;
  fundId?: string;
  year?: number;
}

export interface Column {
  /** the Vietnamese header in the template (the file's header is matched without accents or case) */
  header: string;
  /** other headers accepted for it (older files) */
  aliases?: string[];
  /** the input field the column fills; row errors from the bulk mutation name it */
  field: string;
  required: boolean;
  /** what the notes sheet says the column takes */
  note: string;
  /** the drop-down's labels → API values */
  choices?: Record<string, string>;
  read(raw: RawCell): CellResult<unknown>;
  example: string | number;
  width?: number;
}

export interface KindSpec {
  kind: ImportKind;
  title: string;
  /** the query parameter the kind needs, when its rows do not carry it */
  param?: keyof ImportParams;
  columns: Column[];
  /** the bulk mutation, selecting only ids: the answer's size must not grow with what a row holds */
  mutation: string;
  /**
   * The subgraph whose bulk mutation takes `$importId`: it writes an import once (a replay after a
   * gateway restart answers the first write), reports its progress and appends IMPORT_FINISHED.
   */
  service: 'membership' | 'learning-models' | 'fundraising';
  /** the values of one good row (by field) → the mutation's input */
  toInput(values: Record<string, unknown>, params: ImportParams, ctx: { sha256: string; row: number }): Record<string, unknown>;
  /** a problem with the query parameters (missing, malformed), or null */
  checkParams(params: ImportParams, hasColumn: (field: string) => boolean): string | null;
}

const text =
  (max: number, min = 1) =>
  (raw: RawCell): CellResult<string | null> => {
    const s = cellText(raw);
    if (!s) return { ok: true, value: null };
    if (s.length < min || s.length > max) return { ok: false, message: `must be ${min} to ${max} characters (is ${s.length})` };
    return { ok: true, value: s };
  };

const idOf =
  (type: IdType, what: string) =>
  (raw: RawCell): CellResult<string | null> => {
    const s = cellText(raw);
    if (!s) return { ok: true, value: null };
    return typeOfId(s) === type ? { ok: true, value: s } : { ok: false, message: `"${s}" is not ${what} (${ID_PREFIX[type]}_…); copy it from an export` };
  };

const GENDERS: Record<string, Gender> = { Nam: Gender.MALE, Nữ: Gender.FEMALE, Khác: Gender.OTHER };
const METHODS: Record<string, DonationMethod> = {
  'Tiền mặt': DonationMethod.CASH,
  'Chuyển khoản': DonationMethod.BANK_TRANSFER,
  'Hiện vật': DonationMethod.IN_KIND,
};
const LEARNING_KINDS: Record<string, LearningModelKind> = {
  'Gia đình học tập': LearningModelKind.FAMILY,
  'Dòng họ học tập': LearningModelKind.CLAN,
  'Cộng đồng học tập': LearningModelKind.COMMUNITY,
  'Đơn vị học tập': LearningModelKind.UNIT,
  'Công dân học tập': LearningModelKind.CITIZEN,
};

const choice = (choices: Record<string, string>) => (raw: RawCell) => cellChoice(raw, choices);
const yearParam = (p: ImportParams, has: (f: string) => boolean) =>
  p.year == null && !has('year')
    ? 'this kind needs ?year=YYYY (or a column Năm)'
    : p.year != null && (p.year < 1990 || p.year > 2100)
      ? 'year must be 1990–2100'
      : null;

const MEMBERS: KindSpec = {
  kind: 'MEMBERS',
  title: 'Danh sách hội viên',
  param: 'organizationId',
  columns: [
    {
      header: 'Họ và tên',
      field: 'fullName',
      required: true,
      note: 'Họ và tên đầy đủ, có dấu (2–200 ký tự).',
      read: text(200, 2),
      example: 'Nguyễn Thị Lan',
      width: 28,
    },
    {
      header: 'Giới tính',
      field: 'gender',
      required: false,
      note: 'Chọn: Nam, Nữ hoặc Khác.',
      choices: GENDERS,
      read: choice(GENDERS),
      example: 'Nữ',
      width: 12,
    },
    { header: 'Năm sinh', field: 'birthYear', required: false, note: 'Năm sinh, 4 chữ số (ví dụ 1965).', read: cellInt, example: 1965, width: 10 },
    {
      header: 'Số điện thoại',
      field: 'phone',
      required: false,
      note: 'Số điện thoại; nếu Excel làm mất số 0 đầu, hệ thống tự thêm lại.',
      read: cellPhone,
      example: '0912 345 678',
      width: 16,
    },
    {
      header: 'Ngày vào hội',
      aliases: ['Ngày kết nạp'],
      field: 'joinedOn',
      required: true,
      note: 'Ngày kết nạp, dạng dd/mm/yyyy (ví dụ 15/03/2018), không ở tương lai.',
      read: cellDate,
      example: '15/03/2018',
      width: 14,
    },
    {
      header: 'Mã tổ chức',
      field: 'organizationId',
      required: false,
      note: 'Để trống: hội viên vào tổ chức ghi trong địa chỉ tải lên (?organizationId=). Hoặc mã tổ chức (org_…) cho từng dòng.',
      read: idOf('Organization', 'an organisation id'),
      example: '',
      width: 30,
    },
  ],
  mutation: 'mutation Import($inputs: [AdmitMemberInput!]!, $importId: ID) { admitMembers(inputs: $inputs, importId: $importId) { id } }',
  service: 'membership',
  toInput: (v, p) => ({
    organizationId: v.organizationId ?? p.organizationId,
    fullName: v.fullName,
    gender: v.gender ?? null,
    birthYear: v.birthYear ?? null,
    phone: v.phone ?? null,
    joinedOn: v.joinedOn,
  }),
  checkParams: (p, has) =>
    !p.organizationId && !has('organizationId') ? 'members go into an organisation: add ?organizationId=org_… (or a column Mã tổ chức)' : null,
};

const AREA_STATISTICS: KindSpec = {
  kind: 'AREA_STATISTICS',
  title: 'Dân số và số hộ theo đơn vị hành chính',
  param: 'year',
  columns: [
    {
      header: 'Mã đơn vị',
      field: 'areaId',
      required: true,
      note: 'Mã đơn vị hành chính (area_…), lấy từ bản xuất số liệu.',
      read: idOf('Area', 'an area id'),
      example: 'area_…',
      width: 30,
    },
    {
      header: 'Tên đơn vị',
      field: 'areaName',
      required: false,
      note: 'Chỉ để đọc cho dễ; không được dùng khi nhập.',
      read: text(300),
      example: 'Xã Minh Hải',
      width: 24,
    },
    { header: 'Dân số', field: 'population', required: true, note: 'Số người, số nguyên (ví dụ 12.500).', read: cellInt, example: 12500, width: 12 },
    { header: 'Số hộ', field: 'households', required: true, note: 'Số hộ gia đình, không lớn hơn dân số.', read: cellInt, example: 3100, width: 12 },
  ],
  mutation:
    'mutation Import($year: Int!, $rows: [AreaStatisticsRow!]!, $importId: ID) { recordAreaStatisticsBatch(year: $year, rows: $rows, importId: $importId) { id } }',
  service: 'membership',
  toInput: (v) => ({ areaId: v.areaId, population: v.population, households: v.households }),
  checkParams: (p) => (p.year == null ? 'area statistics are for a year: add ?year=YYYY' : yearParam(p, () => false)),
};

const LEARNING_MODELS: KindSpec = {
  kind: 'LEARNING_MODELS',
  title: 'Đăng ký mô hình học tập',
  param: 'year',
  columns: [
    {
      header: 'Loại mô hình',
      field: 'kind',
      required: true,
      note: 'Chọn trong danh sách.',
      choices: LEARNING_KINDS,
      read: choice(LEARNING_KINDS),
      example: 'Gia đình học tập',
      width: 20,
    },
    {
      header: 'Tên',
      field: 'name',
      required: true,
      note: 'Tên gia đình, dòng họ, cộng đồng, đơn vị hoặc công dân.',
      read: text(300),
      example: 'Gia đình ông Nguyễn Văn Hùng',
      width: 32,
    },
    {
      header: 'Mã đơn vị',
      field: 'areaId',
      required: true,
      note: 'Mã thôn/xã (area_…) nơi đăng ký.',
      read: idOf('Area', 'an area id'),
      example: 'area_…',
      width: 30,
    },
    {
      header: 'Năm',
      field: 'year',
      required: false,
      note: 'Năm đăng ký; để trống: năm trong địa chỉ tải lên (?year=).',
      read: cellInt,
      example: 2018,
      width: 8,
    },
  ],
  mutation: 'mutation Import($inputs: [RegisterLearningModelInput!]!, $importId: ID) { registerLearningModels(inputs: $inputs, importId: $importId) { id } }',
  service: 'learning-models',
  toInput: (v, p) => ({ kind: v.kind, name: v.name, areaId: v.areaId, year: v.year ?? p.year }),
  checkParams: yearParam,
};

const DONATIONS: KindSpec = {
  kind: 'DONATIONS',
  title: 'Sổ thu quỹ khuyến học',
  param: 'fundId',
  columns: [
    {
      header: 'Người ủng hộ',
      field: 'donorName',
      required: true,
      note: 'Họ tên người hoặc tên tổ chức ủng hộ; "Ẩn danh" nếu không ghi tên.',
      read: text(300),
      example: 'Trần Văn Bình',
      width: 28,
    },
    {
      header: 'Số tiền',
      field: 'amount',
      required: true,
      note: 'Số đồng, không có phần lẻ: 50.000, 50,000 hoặc 50000 đ.',
      read: cellVnd,
      example: 500000,
      width: 14,
    },
    { header: 'Ngày nhận', field: 'receivedOn', required: true, note: 'Ngày nhận, dd/mm/yyyy.', read: cellDate, example: '20/11/2018', width: 14 },
    {
      header: 'Hình thức',
      field: 'method',
      required: true,
      note: 'Chọn: Tiền mặt, Chuyển khoản hoặc Hiện vật.',
      choices: METHODS,
      read: choice(METHODS),
      example: 'Tiền mặt',
      width: 16,
    },
    {
      header: 'Mã đợt vận động',
      field: 'campaignId',
      required: false,
      note: 'Mã đợt vận động (cmp_…) của quỹ, nếu có.',
      read: idOf('Campaign', 'a campaign id'),
      example: '',
      width: 28,
    },
    {
      header: 'Mã hội viên',
      field: 'donorMemberId',
      required: false,
      note: 'Mã hội viên (mbr_…) nếu người ủng hộ là hội viên.',
      read: idOf('Member', 'a member id'),
      example: '',
      width: 28,
    },
  ],
  mutation: 'mutation Import($inputs: [RecordDonationInput!]!, $importId: ID) { recordDonations(inputs: $inputs, importId: $importId) { id } }',
  service: 'fundraising',
  // The key is the file and the row: uploading the same sheet again can never record a gift twice.
  toInput: (v, p, ctx) => ({
    fundId: p.fundId,
    campaignId: v.campaignId ?? null,
    donorName: v.donorName,
    donorMemberId: v.donorMemberId ?? null,
    amount: String(v.amount),
    receivedOn: v.receivedOn,
    method: v.method,
    idempotencyKey: `import:${ctx.sha256.slice(0, 32)}:${ctx.row}`,
  }),
  checkParams: (p) => (!p.fundId ? 'donations go into a fund: add ?fundId=fund_…' : null),
};

const FEE_PAYMENTS: KindSpec = {
  kind: 'FEE_PAYMENTS',
  title: 'Sổ thu hội phí',
  param: 'year',
  columns: [
    {
      header: 'Mã hội viên',
      field: 'memberId',
      required: true,
      note: 'Mã hội viên (mbr_…), lấy từ bản xuất danh sách hội viên.',
      read: idOf('Member', 'a member id'),
      example: 'mbr_…',
      width: 30,
    },
    {
      header: 'Họ và tên',
      field: 'fullName',
      required: false,
      note: 'Chỉ để đọc cho dễ; không được dùng khi nhập.',
      read: text(300),
      example: 'Nguyễn Thị Lan',
      width: 24,
    },
    {
      header: 'Năm',
      field: 'year',
      required: false,
      note: 'Năm của hội phí; để trống: năm trong địa chỉ tải lên (?year=).',
      read: cellInt,
      example: 2018,
      width: 8,
    },
    { header: 'Số tiền', field: 'amount', required: true, note: 'Số đồng: 24.000, 24,000 hoặc 24000 đ.', read: cellVnd, example: 24000, width: 12 },
    { header: 'Ngày nộp', field: 'paidOn', required: true, note: 'Ngày nộp, dd/mm/yyyy.', read: cellDate, example: '10/01/2018', width: 14 },
    { header: 'Số biên lai', field: 'receiptNumber', required: false, note: 'Số biên lai, nếu có.', read: text(100), example: 'BL-0012', width: 14 },
  ],
  mutation: 'mutation Import($inputs: [RecordFeePaymentInput!]!, $importId: ID) { recordFeePayments(inputs: $inputs, importId: $importId) { id } }',
  service: 'membership',
  toInput: (v, p) => ({
    memberId: v.memberId,
    year: v.year ?? p.year,
    amount: String(v.amount),
    paidOn: v.paidOn,
    receiptNumber: v.receiptNumber ?? null,
  }),
  checkParams: yearParam,
};

export const KINDS: Record<ImportKind, KindSpec> = { MEMBERS, AREA_STATISTICS, LEARNING_MODELS, DONATIONS, FEE_PAYMENTS };
