import { typeOfId } from '@khg/domain';
import type { Caller } from '@khg/platform';
import { DONATION_METHOD, GENDER, MEMBER_STATUS } from '../labels';
import type { CallerGraph } from '../renderers';
import type { ExportArgs } from '../signing';
import type { CallerStreams } from '../subgraph-streams';
import type { TableColumn } from './table-writer';

/**
 * One exportable list: its columns and its rows a page at a time through the caller's graph (so
 * personal data is withheld exactly as on screen). `check` refuses missing arguments at
 * Query.export, before a link is signed.
 */
export interface TableSpec<R> {
  sheet: string;
  fileName(args: ExportArgs): string;
  check(args: ExportArgs): string | null;
  columns: TableColumn<R>[];
  pages(args: ExportArgs, graph: CallerGraph, caller: Caller, streams: CallerStreams): AsyncGenerator<R[]>;
}

/** The most a subgraph gives per page. */
const PAGE = 500;

/**
 * Pages of a list in id order, the next one asked for while the current one is written: the file
 * streams out at the speed of the slower of the two.
 */
interface Page<R> {
  rows: R[];
  next: string | null;
}

async function* paged<R>(fetchPage: (after: string | null) => Promise<Page<R>>): AsyncGenerator<R[]> {
  let pending: Promise<Page<R>> | null = fetchPage(null);
  while (pending) {
    const { rows, next }: Page<R> = await pending;
    pending = next ? fetchPage(next) : null;
    // awaited on the next turn; until then a failure must not count as unhandled (it would end the process)
    pending?.catch(() => undefined);
    if (rows.length) yield rows;
  }
}

const LM_KIND: Record<string, string> = {
  FAMILY: 'Gia đình học tập',
  CLAN: 'Dòng họ học tập',
  COMMUNITY: 'Cộng đồng học tập',
  UNIT: 'Đơn vị học tập',
  CITIZEN: 'Công dân học tập',
};
const LM_STATUS: Record<string, string> = { REGISTERED: 'Đã đăng ký', RECOGNIZED: 'Đã công nhận', NOT_RECOGNIZED: 'Không công nhận' };

interface MemberRow {
  id: string;
  fullName: string;
  gender: string | null;
  birthYear: number | null;
  phone: string | null;
  joinedOn: string;
  status: string;
  organizationName: string;
  cardNumber: string | null;
}

// Membership gives the personal columns to ADMIN and the subtree's officers (recording the reads),
// leaves them empty for other roles and refuses an officer outside the subtree (PERSONAL_DATA).
// Streamed (not paged through the graph): 200,000 members as 5,000-row GraphQL pages cost
// membership's execution and the gateway's result shaping of every field, and both processes
// kept ~2 MB answers alive across awaits (docs/imports-exports.md).
export const MEMBERS: TableSpec<MemberRow> = {
  sheet: 'Hội viên',
  fileName: () => 'hoi-vien',
  check: (a) =>
    a.organizationId && typeOfId(a.organizationId) === 'Organization' ? null : 'A MEMBERS export needs organizationId (org_…): its whole subtree is exported',
  columns: [
    { header: 'Mã hội viên', type: 'text', width: 44, value: (m) => m.id },
    { header: 'Họ và tên', type: 'text', width: 28, value: (m) => m.fullName },
    { header: 'Giới tính', type: 'text', width: 10, value: (m) => (m.gender ? GENDER[m.gender] : null) },
    { header: 'Năm sinh', type: 'int', width: 10, value: (m) => m.birthYear },
    { header: 'Số điện thoại', type: 'text', width: 16, value: (m) => m.phone },
    { header: 'Ngày vào hội', type: 'date', width: 14, value: (m) => m.joinedOn },
    { header: 'Trạng thái', type: 'text', width: 16, value: (m) => MEMBER_STATUS[m.status] ?? m.status },
    { header: 'Tổ chức', type: 'text', width: 36, value: (m) => m.organizationName },
    { header: 'Số thẻ', type: 'text', width: 14, value: (m) => m.cardNumber },
  ],
  pages: (a, _graph, _caller, streams) => streams<MemberRow>('membership', 'members-export', { organizationId: a.organizationId! }),
};

interface DonationRow {
  id: string;
  cursor: string;
  receiptNumber: string;
  donorName: string;
  amount: number;
  receivedOn: string;
  method: string;
  voided: boolean;
  campaign: { name: string } | null;
}

const DONATIONS_PAGE = `query ExportDonations($fund: ID, $campaign: ID, $first: Int!, $after: String) {
  donations(fundId: $fund, campaignId: $campaign, first: $first, after: $after) { id cursor receiptNumber donorName amount receivedOn method voided campaign { name } }
}`;

export const DONATIONS: TableSpec<DonationRow> = {
  sheet: 'Ủng hộ',
  fileName: () => 'ung-ho',
  check: (a) =>
    a.fundId && (typeOfId(a.fundId) === 'Fund' || typeOfId(a.fundId) === 'Campaign')
      ? null
      : 'A DONATIONS export needs fundId: a fund (fund_…) or one of its campaigns (cmp_…)',
  columns: [
    { header: 'Số biên lai', type: 'text', width: 12, value: (d) => d.receiptNumber },
    { header: 'Người ủng hộ', type: 'text', width: 30, value: (d) => d.donorName },
    { header: 'Số tiền (đồng)', type: 'vnd', width: 16, value: (d) => d.amount },
    { header: 'Ngày nhận', type: 'date', width: 12, value: (d) => d.receivedOn },
    { header: 'Hình thức', type: 'text', width: 14, value: (d) => DONATION_METHOD[d.method] ?? d.method },
    { header: 'Đợt vận động', type: 'text', width: 28, value: (d) => d.campaign?.name },
    { header: 'Đã huỷ', type: 'text', width: 8, value: (d) => (d.voided ? 'Có' : '') },
  ],
  pages: (a, graph) =>
    paged(async (after) => {
      const campaign = typeOfId(a.fundId!) === 'Campaign';
      const { donations } = await graph<{ donations: DonationRow[] }>(DONATIONS_PAGE, {
        fund: campaign ? null : a.fundId,
        campaign: campaign ? a.fundId : null,
        first: PAGE,
        after,
      });
      return { rows: donations, next: donations.length === PAGE ? donations[donations.length - 1].cursor : null };
    }),
};

interface EntryRow {
  id: string;
  cursor: string;
  kind: string;
  name: string;
  year: number;
  status: string;
  decisionNumber: string | null;
  decidedOn: string | null;
  area: { name: string };
}

const ENTRIES_PAGE = `query ExportEntries($area: ID, $year: Int!, $first: Int!, $after: String) {
  learningModelEntries(areaId: $area, year: $year, first: $first, after: $after) { id cursor kind name year status decisionNumber decidedOn area { name } }
}`;

export const LEARNING_MODEL_ENTRIES: TableSpec<EntryRow> = {
  sheet: 'Mô hình học tập',
  fileName: (a) => `mo-hinh-hoc-tap-${a.year}`,
  check: (a) =>
    a.year == null
      ? 'A LEARNING_MODEL_ENTRIES export needs year (and areaId for one area’s subtree)'
      : a.areaId && typeOfId(a.areaId) !== 'Area'
        ? 'areaId must be an Area id (area_…)'
        : null,
  columns: [
    { header: 'Mã', type: 'text', width: 44, value: (e) => e.id },
    { header: 'Loại mô hình', type: 'text', width: 20, value: (e) => LM_KIND[e.kind] ?? e.kind },
    { header: 'Tên', type: 'text', width: 36, value: (e) => e.name },
    { header: 'Đơn vị', type: 'text', width: 24, value: (e) => e.area.name },
    { header: 'Năm', type: 'int', width: 8, value: (e) => e.year },
    { header: 'Trạng thái', type: 'text', width: 16, value: (e) => LM_STATUS[e.status] ?? e.status },
    { header: 'Số quyết định', type: 'text', width: 16, value: (e) => e.decisionNumber },
    { header: 'Ngày quyết định', type: 'date', width: 14, value: (e) => e.decidedOn },
  ],
  pages: (a, graph) =>
    paged(async (after) => {
      const { learningModelEntries: rows } = await graph<{ learningModelEntries: EntryRow[] }>(ENTRIES_PAGE, {
        area: a.areaId ?? null,
        year: a.year,
        first: PAGE,
        after,
      });
      return { rows, next: rows.length === PAGE ? rows[rows.length - 1].cursor : null };
    }),
};

interface AreaRow {
  id: string;
  code: string;
  name: string;
  level: string;
  parent: { name: string } | null;
  population: number | null;
  households: number | null;
}

const AREAS = `query ExportAreaStatistics($year: Int!) { areas { id code name level parent { name } population(year: $year) households(year: $year) } }`;
const LEVEL: Record<string, string> = { PROVINCE: 'Tỉnh', DISTRICT: 'Huyện', COMMUNE: 'Xã', VILLAGE: 'Thôn' };

/** The area list is the province's units (thousands, not millions): one query. */
export const AREA_STATISTICS: TableSpec<AreaRow> = {
  sheet: 'Dân số',
  fileName: (a) => `dan-so-${a.year}`,
  check: (a) => (a.year == null ? 'An AREA_STATISTICS export needs year' : null),
  columns: [
    { header: 'Mã đơn vị', type: 'text', width: 44, value: (r) => r.id },
    { header: 'Mã hành chính', type: 'text', width: 14, value: (r) => r.code },
    { header: 'Tên đơn vị', type: 'text', width: 28, value: (r) => r.name },
    { header: 'Cấp', type: 'text', width: 8, value: (r) => LEVEL[r.level] ?? r.level },
    { header: 'Trực thuộc', type: 'text', width: 28, value: (r) => r.parent?.name },
    { header: 'Dân số', type: 'int', width: 12, value: (r) => r.population },
    { header: 'Số hộ', type: 'int', width: 12, value: (r) => r.households },
  ],
  async *pages(a, graph) {
    const { areas } = await graph<{ areas: AreaRow[] }>(AREAS, { year: a.year });
    for (let i = 0; i < areas.length; i += PAGE) yield areas.slice(i, i + PAGE);
  },
};
