import { DocumentKind, HostKind, InspectionStatus, OutreachChannel, RecommendationStatus, Severity } from '@khg/domain';
import { demoId, demoPlan, type DemoOrganization } from '@khg/demo-data';
import type { SubgraphDeps } from '@khg/platform';
import { PolicyDocument, codeKeyOf } from '../modules/policy-documents/policy-document.entity';
import { Finding, Inspection, InspectionDocument } from '../modules/inspections/inspection.entity';
import { Recommendation } from '../modules/recommendations/recommendation.entity';
import { CooperationProgram } from '../modules/cooperation/cooperation-program.entity';
import { OutreachActivity, OutreachDocument } from '../modules/outreach/outreach-activity.entity';

const DOCUMENTS: { code: string; title: string; kind: DocumentKind; issuer: string; issuedOn: string }[] = [
  {
    code: '11-CT/TW',
    kind: DocumentKind.DIRECTIVE,
    issuer: 'Bộ Chính trị',
    issuedOn: '2007-04-13',
    title: 'Chỉ thị về đẩy mạnh phong trào khuyến học, khuyến tài, xây dựng xã hội học tập',
  },
  {
    code: '07-CT/TU',
    kind: DocumentKind.DIRECTIVE,
    issuer: 'Tỉnh ủy Hưng Yên',
    issuedOn: '2011-07-27',
    title: 'Chỉ thị của Ban Thường vụ Tỉnh ủy về tiếp tục đẩy mạnh phong trào khuyến học, khuyến tài, xây dựng xã hội học tập',
  },
  {
    code: '89/QĐ-TTg',
    kind: DocumentKind.DECISION,
    issuer: 'Thủ tướng Chính phủ',
    issuedOn: '2013-01-09',
    title: 'Phê duyệt Đề án “Xây dựng xã hội học tập giai đoạn 2012 – 2020”',
  },
  {
    code: '281/QĐ-TTg',
    kind: DocumentKind.DECISION,
    issuer: 'Thủ tướng Chính phủ',
    issuedOn: '2014-02-20',
    title: 'Phê duyệt Đề án “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị đến năm 2020”',
  },
  {
    code: '158/KH-UBND',
    kind: DocumentKind.PLAN,
    issuer: 'Ủy ban nhân dân tỉnh Hưng Yên',
    issuedOn: '2014-10-29',
    title: 'Kế hoạch thực hiện Đề án “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị đến năm 2020” trên địa bàn tỉnh',
  },
  {
    code: '44/2014/TT-BGDĐT',
    kind: DocumentKind.CIRCULAR,
    issuer: 'Bộ Giáo dục và Đào tạo',
    issuedOn: '2014-12-12',
    title: 'Quy định đánh giá, xếp loại “Cộng đồng học tập” cấp xã (hoạt động của Trung tâm học tập cộng đồng là một tiêu chí)',
  },
];

const docId = (code: string) => demoId('PolicyDocument', code);
/** The demo's records are written in one transaction: give them the moments they were made, in order. */
const during = (day: string, n: number) => new Date(`${day}T09:${String(n).padStart(2, '0')}:00+07:00`);
const EDUCATION = 'Sở Giáo dục và Đào tạo';

interface DemoInspection {
  key: string;
  title: string;
  documents: string[];
  partners: string[];
  subjects: number[];
  startsOn: string;
  endsOn: string;
  status: InspectionStatus;
  completedOn: string | null;
  findings: { severity: Severity; summary: string }[];
  recommendations: { text: string; subject: number; dueOn: string; doneOn: string | null }[];
}

const INSPECTIONS: DemoInspection[] = [
  {
    key: '2018-ct11-ct07',
    title: 'Kiểm tra việc thực hiện Chỉ thị 11-CT/TW và Chỉ thị 07-CT/TU năm 2018',
    documents: ['11-CT/TW', '07-CT/TU'],
    partners: [EDUCATION, 'Ban Tuyên giáo Tỉnh ủy'],
    subjects: [1, 2, 3],
    startsOn: '2018-05-14',
    endsOn: '2018-05-25',
    status: InspectionStatus.COMPLETED,
    completedOn: '2018-05-25',
    findings: [
      {
        severity: Severity.INFO,
        summary: 'Cấp ủy, chính quyền các huyện đã ban hành kế hoạch thực hiện Chỉ thị 11-CT/TW và Chỉ thị 07-CT/TU; phong trào được duy trì đều ở cơ sở.',
      },
      { severity: Severity.MINOR, summary: 'Một số chi hội thôn chưa có sổ theo dõi hội viên và hội phí.' },
      { severity: Severity.MAJOR, summary: 'Quỹ khuyến học bình quân đầu người ở hai xã còn dưới 20.000 đồng/người, thấp xa mục tiêu 50.000 đồng/người.' },
    ],
    recommendations: [
      { text: 'Hoàn thiện sổ theo dõi hội viên, hội phí ở tất cả chi hội thôn.', subject: 1, dueOn: '2018-12-31', doneOn: '2018-11-20' },
      { text: 'Xây dựng kế hoạch vận động tăng Quỹ khuyến học lên bình quân 50.000 đồng/người.', subject: 2, dueOn: '2019-06-30', doneOn: null },
      { text: 'Báo cáo Ban Thường vụ Huyện ủy kết quả thực hiện Chỉ thị 07-CT/TU hằng năm.', subject: 3, dueOn: '2018-12-31', doneOn: null },
    ],
  },
  {
    key: '2018-qd89-qd281',
    title: 'Kiểm tra thực hiện Quyết định 89/QĐ-TTg, Quyết định 281/QĐ-TTg và Kế hoạch 158/KH-UBND năm 2018',
    documents: ['89/QĐ-TTg', '281/QĐ-TTg', '158/KH-UBND'],
    partners: [EDUCATION, 'Sở Lao động - Thương binh và Xã hội', 'Sở Nội vụ'],
    subjects: [4, 5, 6],
    startsOn: '2018-09-10',
    endsOn: '2018-09-21',
    status: InspectionStatus.COMPLETED,
    completedOn: '2018-09-21',
    findings: [
      { severity: Severity.INFO, summary: 'Tỷ lệ gia đình học tập đạt trên 40 %, đạt mục tiêu năm 2018.' },
      { severity: Severity.MINOR, summary: 'Tỷ lệ đơn vị học tập ở khối doanh nghiệp còn thấp; việc đăng ký chưa được hướng dẫn cụ thể.' },
    ],
    recommendations: [
      {
        text: 'Phối hợp với Liên đoàn Lao động huyện hướng dẫn doanh nghiệp đăng ký danh hiệu “Đơn vị học tập”.',
        subject: 5,
        dueOn: '2019-03-31',
        doneOn: null,
      },
    ],
  },
  {
    key: '2018-tt44',
    title: 'Kiểm tra hoạt động của Trung tâm học tập cộng đồng theo Thông tư 44/2014/TT-BGDĐT',
    documents: ['44/2014/TT-BGDĐT', '89/QĐ-TTg'],
    partners: [EDUCATION],
    subjects: [7, 8],
    startsOn: '2018-11-19',
    endsOn: '2018-11-30',
    status: InspectionStatus.IN_PROGRESS,
    completedOn: null,
    findings: [{ severity: Severity.MINOR, summary: 'Trung tâm học tập cộng đồng của một số xã chưa có kế hoạch hoạt động năm.' }],
    recommendations: [],
  },
  {
    key: '2019-ct11',
    title: 'Kiểm tra việc thực hiện Chỉ thị 11-CT/TW năm 2019',
    documents: ['11-CT/TW', '07-CT/TU'],
    partners: [EDUCATION],
    subjects: [9, 10],
    startsOn: '2019-05-13',
    endsOn: '2019-05-24',
    status: InspectionStatus.PLANNED,
    completedOn: null,
    findings: [],
    recommendations: [],
  },
];

const PROGRAMS = [
  {
    partner: EDUCATION,
    title: 'Chương trình phối hợp đẩy mạnh phong trào khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2017 – 2020',
    signedOn: '2017-03-20',
    validUntil: '2020-12-31',
  },
  {
    partner: 'Sở Khoa học và Công nghệ',
    title: 'Chương trình phối hợp phổ biến kiến thức khoa học, công nghệ cho hội viên giai đoạn 2017 – 2020',
    signedOn: '2017-03-20',
    validUntil: '2020-12-31',
  },
  {
    partner: 'Sở Văn hóa, Thể thao và Du lịch',
    title: 'Chương trình phối hợp xây dựng dòng họ học tập gắn với phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”',
    signedOn: '2017-04-05',
    validUntil: '2020-12-31',
  },
  {
    partner: 'Sở Y tế',
    title: 'Chương trình phối hợp tuyên truyền, giáo dục sức khỏe cộng đồng qua các Trung tâm học tập cộng đồng',
    signedOn: '2018-02-27',
    validUntil: null,
  },
];

/** Loads the 2018 inspections of the directives, documents, programmes and outreach into an empty schema. */
export async function seedInspectionsDemo({ ds, log }: SubgraphDeps): Promise<void> {
  if (await ds.getRepository(PolicyDocument).exists()) return;
  const plan = demoPlan();
  const byId = new Map(plan.organizations.map((o) => [o.id, o]));
  const ancestry = (o: DemoOrganization): string[] => (o.parentId ? [...ancestry(byId.get(o.parentId)!), o.id] : [o.id]);
  const province = plan.organizations.find((o) => o.parentId === null)!;
  const districts = plan.organizations.filter((o) => o.parentId === province.id && o.host === HostKind.ADMINISTRATIVE);
  const district = (n: number) => districts[(n - 1) % districts.length];

  await ds.transaction(async (em) => {
    await em.insert(
      PolicyDocument,
      DOCUMENTS.map((d) => ({ id: docId(d.code), codeKey: codeKeyOf(d.code), ...d })),
    );
    for (const x of INSPECTIONS) {
      const id = demoId('Inspection', x.key);
      await em.insert(Inspection, {
        id,
        title: x.title,
        leadId: province.id,
        leadAncestry: ancestry(province),
        leadAreaId: province.areaId,
        partners: x.partners,
        subjectIds: x.subjects.map((n) => district(n).id),
        startsOn: x.startsOn,
        endsOn: x.endsOn,
        status: x.status,
        completedOn: x.completedOn,
        cancelReason: null,
      });
      await em.insert(
        InspectionDocument,
        x.documents.map((code, position) => ({ inspectionId: id, documentId: docId(code), position })),
      );
      if (x.findings.length) {
        await em.insert(
          Finding,
          x.findings.map((f, i) => ({ id: demoId('Finding', `${x.key}:${i}`), inspectionId: id, recordedAt: during(x.startsOn, i), ...f })),
        );
      }
      if (x.recommendations.length) {
        await em.insert(
          Recommendation,
          x.recommendations.map((r, i) => {
            const responsible = district(r.subject);
            return {
              id: demoId('Recommendation', `${x.key}:${i}`),
              inspectionId: id,
              text: r.text,
              responsibleId: responsible.id,
              responsibleAncestry: ancestry(responsible),
              responsibleAreaId: responsible.areaId,
              dueOn: r.dueOn,
              status: r.doneOn ? RecommendationStatus.DONE : RecommendationStatus.OPEN,
              resolvedOn: r.doneOn,
              createdAt: during(x.startsOn, 10 + i),
            };
          }),
        );
      }
    }
    await em.insert(
      CooperationProgram,
      PROGRAMS.map((p) => ({ id: demoId('CooperationProgram', p.partner), ...p })),
    );

    const outreach = [
      {
        key: 'hn-quan-triet-2018',
        org: province,
        channel: OutreachChannel.MEETING,
        heldOn: '2018-03-08',
        audience: 250,
        docs: ['11-CT/TW', '07-CT/TU'],
        summary: 'Hội nghị quán triệt Chỉ thị 11-CT/TW và Chỉ thị 07-CT/TU cho cán bộ Hội cấp huyện, cấp xã.',
      },
      {
        key: 'bao-hung-yen-2018',
        org: province,
        channel: OutreachChannel.MEDIA,
        heldOn: '2018-04-15',
        audience: 20000,
        docs: ['89/QĐ-TTg', '281/QĐ-TTg'],
        summary: 'Chuyên mục “Khuyến học – khuyến tài” trên Báo Hưng Yên và Đài Phát thanh – Truyền hình tỉnh.',
      },
      {
        key: 'tap-huan-tt44-2018',
        org: district(1),
        channel: OutreachChannel.TRAINING,
        heldOn: '2018-06-12',
        audience: 120,
        docs: ['44/2014/TT-BGDĐT'],
        summary: 'Tập huấn đánh giá, xếp loại “Cộng đồng học tập” cấp xã cho cán bộ Trung tâm học tập cộng đồng.',
      },
      {
        key: 'tai-lieu-281-2018',
        org: district(2),
        channel: OutreachChannel.PUBLICATION,
        heldOn: '2018-07-02',
        audience: 3000,
        docs: ['281/QĐ-TTg', '158/KH-UBND'],
        summary: 'Tờ gấp hướng dẫn xây dựng gia đình, dòng họ, cộng đồng học tập.',
      },
      {
        key: 'hn-so-ket-2019',
        org: province,
        channel: OutreachChannel.MEETING,
        heldOn: '2019-01-18',
        audience: 180,
        docs: ['11-CT/TW'],
        summary: 'Hội nghị sơ kết phong trào khuyến học, khuyến tài năm 2018.',
      },
    ];
    await em.insert(
      OutreachActivity,
      outreach.map((a) => ({
        id: demoId('OutreachActivity', a.key),
        organizationId: a.org.id,
        areaId: a.org.areaId,
        channel: a.channel,
        heldOn: a.heldOn,
        audience: a.audience,
        summary: a.summary,
      })),
    );
    await em.insert(
      OutreachDocument,
      outreach.flatMap((a) => a.docs.map((code, position) => ({ activityId: demoId('OutreachActivity', a.key), documentId: docId(code), position }))),
    );
    log.info({ documents: DOCUMENTS.length, inspections: INSPECTIONS.length, programmes: PROGRAMS.length, outreach: outreach.length }, 'demo data loaded');
  });
}
