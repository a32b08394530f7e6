import { PlanMetric } from '@khg/domain';
import type { CallerGraph } from '../renderers';
import type { ExportArgs } from '../signing';
import { DownloadRequestError } from '../renderers';

/** How a metric's value is written: a share (0..1, shown as %), an amount of VND, or a count. */
export type MetricUnit = 'share' | 'vnd' | 'count';

/** Vietnamese headers of the metrics, in the words of the plans and reports they replace. */
export const METRIC_LABELS: Record<PlanMetric, { label: string; unit: MetricUnit }> = {
  FAMILY_RATE: { label: 'Tỷ lệ Gia đình học tập', unit: 'share' },
  CLAN_RATE: { label: 'Tỷ lệ Dòng họ học tập', unit: 'share' },
  COMMUNITY_RATE: { label: 'Tỷ lệ Cộng đồng học tập', unit: 'share' },
  UNIT_RATE: { label: 'Tỷ lệ Đơn vị học tập', unit: 'share' },
  CITIZEN_RATE: { label: 'Tỷ lệ Công dân học tập', unit: 'share' },
  CENTERS_RATED_GOOD_RATE: { label: 'Tỷ lệ TTHTCĐ xếp loại tốt, khá', unit: 'share' },
  CADRES_TRAINED: { label: 'Cán bộ được bồi dưỡng', unit: 'count' },
  FUND_PER_CAPITA: { label: 'Quỹ khuyến học bình quân (đồng/người)', unit: 'vnd' },
  FUNDS_RAISED: { label: 'Quỹ khuyến học vận động được (đồng)', unit: 'vnd' },
  AWARDS_GRANTED: { label: 'Lượt khen thưởng', unit: 'count' },
  MEMBERS: { label: 'Hội viên cuối năm', unit: 'count' },
  NEW_MEMBERS: { label: 'Hội viên mới kết nạp', unit: 'count' },
  MEMBERSHIP_SHARE: { label: 'Tỷ lệ hội viên trên dân số', unit: 'share' },
  CARD_ISSUANCE_RATE: { label: 'Tỷ lệ cấp thẻ hội viên', unit: 'share' },
  FEE_COLLECTION_RATE: { label: 'Tỷ lệ thu hội phí', unit: 'share' },
  CHARTER_BOOKLETS: { label: 'Điều lệ Hội đặt mua (cuốn)', unit: 'count' },
  NEW_ORGANIZATIONS: { label: 'Tổ chức Hội thành lập mới', unit: 'count' },
  COOPERATION_PROGRAMS: { label: 'Chương trình phối hợp có hiệu lực', unit: 'count' },
  OUTREACH_ACTIVITIES: { label: 'Hoạt động tuyên truyền', unit: 'count' },
  INSPECTIONS_COMPLETED: { label: 'Cuộc kiểm tra hoàn thành', unit: 'count' },
  RECOMMENDATIONS_RESOLVED_RATE: { label: 'Tỷ lệ kiến nghị đã thực hiện', unit: 'share' },
};

export interface MetricValue {
  metric: PlanMetric;
  value: number | null;
  target: number | null;
  met: boolean | null;
}
export interface AreaValues {
  area: { id: string; name: string };
  values: MetricValue[];
}
export interface Indicator {
  metric: PlanMetric;
  target: number | null;
  actual: number | null;
  met: boolean | null;
  byArea: AreaValues[];
}
export interface YearReportData {
  organization: { id: string; name: string };
  year: number;
  plan: { id: string; title: string; tasks: { number: number; title: string; indicators: Indicator[] }[] } | null;
  values: MetricValue[];
  byArea: AreaValues[];
  /** the year before, for growth */
  previous: { values: MetricValue[]; byArea: AreaValues[] };
}

const VALUES = 'metric value target met';
/** One query as the caller: the plan with each indicator by child area, and the report of this year and the one before. */
export const YEAR_REPORT_QUERY = `query YearReportDownload($o: ID!, $y: Int!, $p: Int!) {
  yearReport(organizationId: $o, year: $y) {
    organization { id name } year
    plan { id title tasks { number title indicators { metric target actual met byArea { area { id name } values { ${VALUES} } } } } }
    values { ${VALUES} } byArea { area { id name } values { ${VALUES} } }
  }
  previous: yearReport(organizationId: $o, year: $p) { values { ${VALUES} } byArea { area { id name } values { ${VALUES} } } }
}`;

export async function loadYearReport(args: ExportArgs, graph: CallerGraph): Promise<YearReportData> {
  if (!args.organizationId) throw new DownloadRequestError('BAD_USER_INPUT', 'A YEAR_REPORT export needs organizationId');
  if (args.year == null) throw new DownloadRequestError('BAD_USER_INPUT', 'A YEAR_REPORT export needs year');
  const d = await graph<{ yearReport: Omit<YearReportData, 'previous'>; previous: YearReportData['previous'] }>(YEAR_REPORT_QUERY, {
    o: args.organizationId,
    y: args.year,
    p: args.year - 1,
  });
  return { ...d.yearReport, previous: d.previous };
}

export const valueOf = (values: readonly MetricValue[], metric: PlanMetric) => values.find((v) => v.metric === metric);
export const isShare = (metric: PlanMetric) => METRIC_LABELS[metric].unit === 'share';
export const SHARE_METRICS = (Object.keys(METRIC_LABELS) as PlanMetric[]).filter(isShare);
export const metLabel = (met: boolean | null) => (met === null ? '' : met ? 'Đạt' : 'Chưa đạt');
