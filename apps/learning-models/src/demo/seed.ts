import type { EntityManager } from 'typeorm';
import { AreaLevel, CenterGrade, LearningModelKind, LearningModelStatus } from '@khg/domain';
import { DEMO_YEARS, demoId, demoPlan, seededRandom, type DemoArea } from '@khg/demo-data';
import type { SubgraphDeps } from '@khg/platform';
import { rebuildRollup } from '../modules/rates/rollup';

/** Plan 158 / Decision 281 targets at the province: 2018 and 2020 as published, 2019 between them. */
const TARGETS: Record<number, Record<LearningModelKind, number>> = {
  2018: { FAMILY: 0.4, CLAN: 0.35, COMMUNITY: 0.35, UNIT: 0.4 },
  2019: { FAMILY: 0.58, CLAN: 0.44, COMMUNITY: 0.5, UNIT: 0.5 },
  2020: { FAMILY: 0.75, CLAN: 0.52, COMMUNITY: 0.65, UNIT: 0.6 },
};
const DEMO_ENTRY_YEAR = 2018;

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Đào', 'Đinh', 'Lương', 'Trịnh'];
const MIDDLE = ['Văn', 'Đức', 'Hữu', 'Quang', 'Minh', 'Thị', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Hải', 'Long', 'Nam', 'Sơn', 'Thắng', 'Lan', 'Hương', 'Mai', 'Nga', 'Yến'];
const UNITS = ['Trường Mầm non', 'Trường Tiểu học', 'Trường THCS', 'Trạm Y tế', 'UBND', 'Công an', 'Hợp tác xã nông nghiệp', 'Bưu điện văn hóa'];
const GRADES = [CenterGrade.EXCELLENT, CenterGrade.GOOD, CenterGrade.GOOD, CenterGrade.AVERAGE, CenterGrade.BELOW];

interface Row {
  id: string;
  kind: LearningModelKind;
  name: string;
  areaId: string;
  anc: string;
  status: LearningModelStatus;
  number: string | null;
  on: string | null;
}

async function insertEntries(em: EntityManager, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const c = rows.slice(i, i + 5000);
    await em.query(
      `INSERT INTO learning_model_entries (id, kind, name, area_id, area_ancestry, year, status, decision_number, decided_on, criteria_code)
       SELECT x.id, x.kind, x.name, x.area_id, string_to_array(x.anc, ','), $9::int, x.status, x.num, x.decided, CASE WHEN x.decided IS NULL THEN NULL ELSE '448/QĐ-KHVN' END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[]) AS x(id, kind, name, area_id, anc, status, num, decided)`,
      [
        c.map((r) => r.id),
        c.map((r) => r.kind),
        c.map((r) => r.name),
        c.map((r) => r.areaId),
        c.map((r) => r.anc),
        c.map((r) => r.status),
        c.map((r) => r.number),
        c.map((r) => r.on),
        DEMO_ENTRY_YEAR,
      ],
    );
  }
  await em.query(
    `INSERT INTO learning_model_decisions (entry_id, status, previous_status, decision_number, decided_on, criteria_code, correction, actor_sub)
     SELECT e.id, e.status, 'REGISTERED', e.decision_number, e.decided_on, e.criteria_code, false, 'demo-seed'
     FROM learning_model_entries e WHERE e.status <> 'REGISTERED'`,
  );
}

/**
 * The Hưng Yên demo for learning models: province targets 2018–2020 (one district with its own
 * higher family target), eligible counts from the demo households, 2018 entries decided so that
 * some communes beat the target and others fall short, a centre per commune with evaluations,
 * and a few training courses. Ancestry comes from demoPlan(): no call to membership at boot.
 */
export async function seedLearningDemo({ ds, log }: SubgraphDeps): Promise<void> {
  const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM learning_model_entries');
  if (n > 0) return;
  const plan = demoPlan();
  const byId = new Map(plan.areas.map((a) => [a.id, a]));
  const ancestry = (a: DemoArea): string[] => (a.parentId ? [...ancestry(byId.get(a.parentId)!), a.id] : [a.id]);
  const rnd = seededRandom(158);
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const households = (a: DemoArea, year: number) => a.statistics.find((s) => s.year === year)?.households ?? 0;
  const province = plan.areas.find((a) => a.level === AreaLevel.PROVINCE)!;
  const districts = plan.areas.filter((a) => a.level === AreaLevel.DISTRICT);
  const communes = plan.areas.filter((a) => a.level === AreaLevel.COMMUNE);
  const villages = plan.areas.filter((a) => a.level === AreaLevel.VILLAGE);

  await ds.transaction(async (em) => {
    for (const year of DEMO_YEARS) {
      for (const kind of Object.values(LearningModelKind)) {
        await em.query('INSERT INTO learning_targets (year, kind, area_id, area_ancestry, target) VALUES ($1, $2, $3, $4, $5)', [
          year,
          kind,
          province.id,
          [province.id],
          TARGETS[year][kind],
        ]);
      }
    }
    await em.query('INSERT INTO learning_targets (year, kind, area_id, area_ancestry, target) VALUES (2018, $1, $2, $3, 0.45)', [
      LearningModelKind.FAMILY,
      districts[0].id,
      ancestry(districts[0]),
    ]);

    // Eligible counts of each area itself: families and clans of a village, the village as a
    // community, units seated at a commune, a district or the province.
    const eligible: { year: number; kind: LearningModelKind; a: DemoArea; count: number }[] = [];
    const unitsAt = new Map<string, number>();
    for (const a of [province, ...districts, ...communes])
      unitsAt.set(a.id, a.level === AreaLevel.COMMUNE ? between(5, 9) : a.level === AreaLevel.DISTRICT ? between(12, 20) : 35);
    const clansOf = new Map(villages.map((v) => [v.id, Math.max(4, Math.round(households(v, 2018) / 45))]));
    for (const year of DEMO_YEARS) {
      for (const v of villages) {
        eligible.push({ year, kind: LearningModelKind.FAMILY, a: v, count: households(v, year) });
        eligible.push({ year, kind: LearningModelKind.CLAN, a: v, count: clansOf.get(v.id)! });
        eligible.push({ year, kind: LearningModelKind.COMMUNITY, a: v, count: 1 });
      }
      for (const [id, count] of unitsAt) eligible.push({ year, kind: LearningModelKind.UNIT, a: byId.get(id)!, count });
    }
    await em.query(
      `INSERT INTO eligible_counts (year, kind, area_id, area_ancestry, count)
       SELECT x.year, x.kind, x.area_id, string_to_array(x.anc, ','), x.count FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[]) AS x(year, kind, area_id, anc, count)`,
      [
        eligible.map((e) => e.year),
        eligible.map((e) => e.kind),
        eligible.map((e) => e.a.id),
        eligible.map((e) => ancestry(e.a).join(',')),
        eligible.map((e) => e.count),
      ],
    );

    // 2018 entries: each commune has its own pace, so rates land on both sides of the targets.
    const rows: Row[] = [];
    let seq = 0;
    const entry = (kind: LearningModelKind, name: string, a: DemoArea, share: number, decision: string, decidedShare = 0.9): Row => {
      const decided = rnd() < decidedShare;
      const status = !decided ? LearningModelStatus.REGISTERED : rnd() < share ? LearningModelStatus.RECOGNIZED : LearningModelStatus.NOT_RECOGNIZED;
      return {
        id: demoId('LearningModelEntry', `${DEMO_ENTRY_YEAR}:${++seq}`),
        kind,
        name,
        areaId: a.id,
        anc: ancestry(a).join(','),
        status,
        number: status === LearningModelStatus.RECOGNIZED ? decision : null,
        on: status === LearningModelStatus.REGISTERED ? null : `${DEMO_ENTRY_YEAR}-12-${String(between(10, 28)).padStart(2, '0')}`,
      };
    };
    for (const c of communes) {
      const pace = 0.5 + rnd() * 0.45; // share of registered that the commune recognises
      const decision = `${between(80, 260)}/QĐ-UBND`;
      for (const v of villages.filter((x) => x.parentId === c.id)) {
        const fam = Math.round(households(v, DEMO_ENTRY_YEAR) * (0.55 + rnd() * 0.25));
        for (let i = 0; i < fam; i++) rows.push(entry(LearningModelKind.FAMILY, `Hộ ${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`, v, pace, decision));
        const clans = Math.round(clansOf.get(v.id)! * (0.5 + rnd() * 0.3));
        for (let i = 0; i < clans; i++) rows.push(entry(LearningModelKind.CLAN, `Dòng họ ${SURNAMES[i % SURNAMES.length]} ${v.name}`, v, pace, decision));
        if (rnd() < 0.75) rows.push(entry(LearningModelKind.COMMUNITY, `${v.name}, ${c.name}`, v, pace, decision, 1));
      }
      const units = Math.round(unitsAt.get(c.id)! * (0.6 + rnd() * 0.3));
      for (let i = 0; i < units; i++) rows.push(entry(LearningModelKind.UNIT, `${UNITS[i % UNITS.length]} ${c.name}`, c, pace, decision, 1));
    }
    for (const d of districts) {
      const units = Math.round(unitsAt.get(d.id)! * 0.7);
      for (let i = 0; i < units; i++) rows.push(entry(LearningModelKind.UNIT, `Đơn vị ${i + 1} huyện ${d.name}`, d, 0.7, `${between(300, 400)}/QĐ-UBND`, 1));
    }
    await insertEntries(em, rows);
    await rebuildRollup(em);

    // A centre per commune (Circular 44), evaluated for 2017 and 2018.
    const centres = communes.map((c) => ({ id: demoId('CommunityLearningCenter', c.code), a: c, on: `${between(2000, 2010)}-0${between(1, 9)}-15` }));
    await em.query(
      `INSERT INTO community_learning_centers (id, name, area_id, area_ancestry, established_on)
       SELECT x.id, x.name, x.area_id, string_to_array(x.anc, ','), x.est FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[]) AS x(id, name, area_id, anc, est)`,
      [
        centres.map((c) => c.id),
        centres.map((c) => `Trung tâm học tập cộng đồng ${c.a.kind} ${c.a.name}`),
        centres.map((c) => c.a.id),
        centres.map((c) => ancestry(c.a).join(',')),
        centres.map((c) => c.on),
      ],
    );
    const evals = centres.flatMap((c) => [2017, 2018].map((year) => ({ id: c.id, year, grade: pick(GRADES) })));
    await em.query('INSERT INTO center_evaluations (center_id, year, grade) SELECT * FROM unnest($1::text[], $2::int[], $3::text[])', [
      evals.map((e) => e.id),
      evals.map((e) => e.year),
      evals.map((e) => e.grade),
    ]);

    // Task 7: cadre training, by the province association and some district ones.
    const orgs = plan.organizations;
    const provinceOrg = orgs.find((o) => o.areaId === province.id && o.parentId === null)!;
    const orgAncestry = (id: string): string[] => {
      const o = orgs.find((x) => x.id === id)!;
      return o.parentId ? [...orgAncestry(o.parentId), o.id] : [o.id];
    };
    const districtOrgs = orgs.filter((o) => o.parentId === provinceOrg.id && districts.some((d) => d.id === o.areaId));
    const courses = [
      { org: provinceOrg, title: 'Tập huấn nghiệp vụ công tác khuyến học, khuyến tài cho cán bộ Hội cấp huyện, xã', on: '2018-04-12', n: 160 },
      { org: provinceOrg, title: 'Bồi dưỡng kỹ năng tổ chức học tập suốt đời cho người lớn', on: '2018-09-20', n: 95 },
      ...districtOrgs
        .slice(0, 4)
        .map((o, i) => ({ org: o, title: `Tập huấn xây dựng gia đình, dòng họ học tập (${o.name})`, on: `2018-0${5 + i}-10`, n: between(40, 90) })),
    ];
    for (const c of courses) {
      await em.query(
        'INSERT INTO training_courses (id, title, organizer_id, organizer_ancestry, area_id, held_on, participants) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [demoId('TrainingCourse', `${c.org.id}:${c.on}`), c.title, c.org.id, orgAncestry(c.org.id), c.org.areaId, c.on, c.n],
      );
    }
    log.info({ entries: rows.length, eligibleCounts: eligible.length, centres: centres.length, courses: courses.length }, 'learning-models demo data loaded');
  });
}
