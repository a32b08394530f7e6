import { PlanMetric } from '@khg/domain';
import { demoId, demoPlan } from '@khg/demo-data';
import type { SubgraphDeps } from '@khg/platform';
import { WorkPlan, type StoredTask } from '../modules/plans/plan.entity';

/**
 * Hưng Yên's 2018 work plan, the platform's founding document: its seven tasks, with the only two
 * numeric targets it states (the four learning models; the fund's 50,000 VND per person). Every
 * other indicator is followed without a number: the document gives none, and none is invented.
 */
const TASKS_2018: StoredTask[] = [
  {
    number: 1,
    title: 'Tuyên truyền, quán triệt Chỉ thị 11-CT/TW của Bộ Chính trị và Chỉ thị 07-CT/TU của Tỉnh ủy về khuyến học, khuyến tài, xây dựng xã hội học tập',
    indicators: [{ metric: PlanMetric.OUTREACH_ACTIVITIES, target: null }],
  },
  {
    number: 2,
    title:
      'Thực hiện Quyết định 89/QĐ-TTg, 281/QĐ-TTg và Kế hoạch 158/KH-UBND: xây dựng gia đình, dòng họ, cộng đồng, đơn vị học tập; phối hợp ngành giáo dục thực hiện Thông tư 44 về Trung tâm học tập cộng đồng',
    indicators: [
      { metric: PlanMetric.FAMILY_RATE, target: 0.4 },
      { metric: PlanMetric.CLAN_RATE, target: 0.35 },
      { metric: PlanMetric.COMMUNITY_RATE, target: 0.35 },
      { metric: PlanMetric.UNIT_RATE, target: 0.4 },
      { metric: PlanMetric.CENTERS_RATED_GOOD_RATE, target: null },
    ],
  },
  {
    number: 3,
    title:
      'Củng cố tổ chức Hội các cấp, phát triển hội viên; thành lập Hội ở các trường đại học, cao đẳng; phát triển Quỹ khuyến học bình quân 50.000 đồng/người; khen thưởng học sinh nghèo vượt khó học giỏi và người học tập suốt đời',
    indicators: [
      { metric: PlanMetric.MEMBERS, target: null },
      { metric: PlanMetric.MEMBERSHIP_SHARE, target: null },
      { metric: PlanMetric.NEW_ORGANIZATIONS, target: null },
      { metric: PlanMetric.FUND_PER_CAPITA, target: 50_000 },
      { metric: PlanMetric.FUNDS_RAISED, target: null },
      { metric: PlanMetric.AWARDS_GRANTED, target: null },
    ],
  },
  {
    number: 4,
    title: 'Cấp thẻ hội viên, thu hội phí, đặt mua Điều lệ Hội',
    indicators: [
      { metric: PlanMetric.CARD_ISSUANCE_RATE, target: null },
      { metric: PlanMetric.FEE_COLLECTION_RATE, target: null },
      { metric: PlanMetric.CHARTER_BOOKLETS, target: null },
    ],
  },
  {
    number: 5,
    title: 'Thực hiện chương trình phối hợp với các sở, ngành thuộc Khối Khoa giáo',
    indicators: [{ metric: PlanMetric.COOPERATION_PROGRAMS, target: null }],
  },
  {
    number: 6,
    title: 'Phối hợp kiểm tra việc thực hiện Chỉ thị 11-CT/TW, Quyết định 89/QĐ-TTg, 281/QĐ-TTg và Chỉ thị 07-CT/TU',
    indicators: [
      { metric: PlanMetric.INSPECTIONS_COMPLETED, target: null },
      { metric: PlanMetric.RECOMMENDATIONS_RESOLVED_RATE, target: null },
    ],
  },
  { number: 7, title: 'Bồi dưỡng cán bộ Hội về học tập suốt đời cho người lớn', indicators: [{ metric: PlanMetric.CADRES_TRAINED, target: null }] },
];

export async function seedPlansDemo({ ds }: SubgraphDeps): Promise<void> {
  if (await ds.getRepository(WorkPlan).exists()) return;
  const province = demoPlan().organizations.find((o) => o.parentId === null)!;
  await ds.getRepository(WorkPlan).insert({
    id: demoId('WorkPlan', 'hung-yen:2018'),
    organizationId: province.id,
    year: 2018,
    title: 'Kế hoạch công tác khuyến học, khuyến tài, xây dựng xã hội học tập năm 2018',
    documentId: null,
    tasks: TASKS_2018,
    revisions: 0,
    adoptedBy: 'demo',
  });
}
