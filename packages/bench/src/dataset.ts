import { Client } from 'pg';
import { foldVietnamese } from '@khg/domain';
import { manifestEntry } from '@khg/platform/manifest';
import { REBUILD_ROLLUP_SQL } from '@khg/learning-models/rollup';

/**
 * The Hưng Yên-scale dataset, loaded with set-based SQL (INSERT … SELECT generate_series) straight
 * into each subgraph's own schema, after the subgraphs' migrations created the tables. Row-by-row
 * loading through the API would take hours; this takes minutes. Every derived structure the
 * services maintain is written consistently here too: ltree paths, membership periods and status
 * history, the card sequence, the fundraising ledger with fund balances and receipt counters,
 * area ancestry arrays, the learning-model decisions and maintained roll-up, inspection lead and
 * responsible ancestry.
 *
 * Ids are `<prefix>_<uuid>` like the platform's, built from (kind, number) so rows can point at
 * each other arithmetically: `uid('area', 3, 17)` is commune 17.
 */
export interface Sizes {
  districts: number;
  communes: number;
  villages: number;
  organizations: number;
  members: number;
  donations: number;
  awards: number;
  inspections: number;
}

export function sizesFor(scale: number): Sizes {
  return {
    districts: 10 * scale,
    communes: 160 * scale,
    villages: 900 * scale,
    organizations: 2000 * scale,
    members: 200_000 * scale,
    donations: 500_000 * scale,
    awards: 20_000 * scale,
    inspections: 300 * scale,
  };
}

/** SQL for the id of the n-th entity of a kind (both SQL expressions). */
export function uid(prefix: string, kind: number | string, n: number | string): string {
  return `('${prefix}_' || lpad(to_hex(${kind}), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(${n}), 12, '0'))`;
}
/** The same id computed in JavaScript. */
export function uidJs(prefix: string, kind: number, n: number): string {
  return `${prefix}_${kind.toString(16).padStart(8, '0')}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}
const label = (idSql: string) => `text2ltree(replace(${idSql}, '-', '_'))`;

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Đào', 'Đinh', 'Lương', 'Trịnh'];
const MIDDLE = ['Văn', 'Đức', 'Hữu', 'Quang', 'Minh', 'Thị', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Hải', 'Long', 'Nam', 'Sơn', 'Thắng', 'Lan', 'Hương', 'Mai', 'Nga', 'Yến'];

/** The full name of member n (also used to pick search terms that exist). */
export function memberName(n: number): string {
  return `${SURNAMES[n % 15]} ${MIDDLE[Math.floor(n / 15) % 7]} ${GIVEN[Math.floor(n / 105) % 15]}`;
}
const nameSql = (n: string) => `($1::text[])[1 + (${n}) % 15] || ' ' || ($2::text[])[1 + ((${n}) / 15) % 7] || ' ' || ($3::text[])[1 + ((${n}) / 105) % 15]`;
const nameParams = [SURNAMES, MIDDLE, GIVEN];
const foldedParams = nameParams.map((xs) => xs.map((x) => foldVietnamese(x)));

export const PROVINCE_AREA = uidJs('area', 1, 1);
export const PROVINCE_ORG = uidJs('org', 1, 1);

type Step = { name: string; sql: string; params?: unknown[] };

function membershipSteps(z: Sizes): Step[] {
  const { districts: D, communes: C, villages: V, members: M } = z;
  const B = z.organizations - 1 - D - C;
  const perDistrict = C / D;
  const communeOfVillage = (v: string) => `(((${v}) - 1) % ${C} + 1)`;
  const districtOfCommune = (c: string) => `(((${c}) - 1) / ${perDistrict} + 1)`;
  // members sit in commune associations and branches
  const orgOfMember = (m: string) =>
    `CASE WHEN ((${m}) - 1) % ${C + B} < ${C} THEN ${uid('org', 3, `((${m}) - 1) % ${C + B} + 1`)} ELSE ${uid('org', 4, `((${m}) - 1) % ${C + B} - ${C} + 1`)} END`;
  return [
    {
      name: 'areas',
      sql: `
INSERT INTO areas (id, code, name, kind, level, parent_id, path)
VALUES (${uid('area', 1, 1)}, '33', 'Hưng Yên', 'tỉnh', 'PROVINCE', NULL, ${label(uid('area', 1, 1))});
INSERT INTO areas (id, code, name, kind, level, parent_id, path)
SELECT ${uid('area', 2, 'd')}, 'B' || lpad(d::text, 4, '0'), 'Huyện ' || d, 'huyện', 'DISTRICT', p.id, p.path || ${label(uid('area', 2, 'd'))}
FROM generate_series(1, ${D}) d, areas p WHERE p.id = ${uid('area', 1, 1)};
INSERT INTO areas (id, code, name, kind, level, parent_id, path)
SELECT ${uid('area', 3, 'c')}, 'B' || lpad(c::text, 6, '0'), 'Xã ' || c, 'xã', 'COMMUNE', p.id, p.path || ${label(uid('area', 3, 'c'))}
FROM generate_series(1, ${C}) c JOIN areas p ON p.id = ${uid('area', 2, districtOfCommune('c'))};
INSERT INTO areas (id, code, name, kind, level, parent_id, path)
SELECT ${uid('area', 4, 'v')}, 'B' || lpad(v::text, 8, '0'), 'Thôn ' || v, 'thôn', 'VILLAGE', p.id, p.path || ${label(uid('area', 4, 'v'))}
FROM generate_series(1, ${V}) v JOIN areas p ON p.id = ${uid('area', 3, communeOfVillage('v'))};`,
    },
    // about 1,333 inhabitants and 333 households a village (1.2 M and 300,000 a province), +1 %/year
    {
      name: 'area statistics',
      sql: `
INSERT INTO area_statistics (area_id, year, population, households)
SELECT ${uid('area', 4, 'v')}, y, p, p / 4
FROM generate_series(1, ${V}) v, generate_series(2018, 2020) y,
LATERAL (SELECT ((1000 + (v * 7919) % 667) * (1 + 0.01 * (y - 2018)))::int AS p) x;
INSERT INTO area_statistics (area_id, year, population, households)
SELECT a.id, s.year, sum(s.population), sum(s.households)
FROM areas a JOIN areas v ON v.level = 'VILLAGE' AND v.path <@ a.path JOIN area_statistics s ON s.area_id = v.id
WHERE a.level <> 'VILLAGE' GROUP BY a.id, s.year;`,
    },
    {
      name: 'organizations',
      sql: `
INSERT INTO organizations (id, name, kind, host, area_id, parent_id, path, founded_on)
VALUES (${uid('org', 1, 1)}, 'Hội Khuyến học tỉnh Hưng Yên', 'ASSOCIATION', 'ADMINISTRATIVE', ${uid('area', 1, 1)}, NULL, ${label(uid('org', 1, 1))}, '1997-01-01');
INSERT INTO organizations (id, name, kind, host, area_id, parent_id, path, founded_on)
SELECT ${uid('org', 2, 'd')}, 'Hội Khuyến học huyện ' || d, 'ASSOCIATION', 'ADMINISTRATIVE', ${uid('area', 2, 'd')}, p.id, p.path || ${label(uid('org', 2, 'd'))}, '1998-01-01'
FROM generate_series(1, ${D}) d, organizations p WHERE p.id = ${uid('org', 1, 1)};
INSERT INTO organizations (id, name, kind, host, area_id, parent_id, path, founded_on)
SELECT ${uid('org', 3, 'c')}, 'Hội Khuyến học xã ' || c, 'ASSOCIATION', 'ADMINISTRATIVE', ${uid('area', 3, 'c')}, p.id, p.path || ${label(uid('org', 3, 'c'))}, '2000-01-01'
FROM generate_series(1, ${C}) c JOIN organizations p ON p.id = ${uid('org', 2, districtOfCommune('c'))};
INSERT INTO organizations (id, name, kind, host, area_id, parent_id, path, founded_on)
SELECT ${uid('org', 4, 'b')}, 'Chi hội khuyến học ' || b, 'BRANCH', (ARRAY['SCHOOL','CLAN','ENTERPRISE','AGENCY','ADMINISTRATIVE'])[1 + b % 5],
  ${uid('area', 4, `((b - 1) % ${V} + 1)`)}, p.id, p.path || ${label(uid('org', 4, 'b'))}, '2005-01-01'
FROM generate_series(1, ${B}) b JOIN organizations p ON p.id = ${uid('org', 3, communeOfVillage(`((b - 1) % ${V} + 1)`))};`,
    },
    {
      name: 'members',
      params: [...nameParams, ...foldedParams],
      sql: `
INSERT INTO members (id, organization_id, full_name, search_name, gender, birth_year, phone, joined_on, status)
SELECT ${uid('mbr', 1, 'm')}, ${orgOfMember('m')}, ${nameSql('m')},
  ($4::text[])[1 + m % 15] || ' ' || ($5::text[])[1 + (m / 15) % 7] || ' ' || ($6::text[])[1 + (m / 105) % 15],
  CASE WHEN (m / 15) % 7 = 5 THEN 'FEMALE' ELSE 'MALE' END, 1940 + m % 60, '09' || lpad(m::text, 8, '0'),
  date '2005-01-01' + (m * 37) % 5000,
  CASE WHEN m % 199 = 0 THEN 'DECEASED' WHEN m % 97 = 0 THEN 'RESIGNED' WHEN m % 50 = 0 THEN 'LAPSED' ELSE 'ACTIVE' END
FROM generate_series(1, ${M}) m`,
    },
    {
      name: 'membership periods and status history',
      sql: `
INSERT INTO membership_periods (member_id, organization_id, from_date, to_date, reason)
SELECT id, organization_id, joined_on, NULL, 'admitted' FROM members ORDER BY id;
INSERT INTO member_status_changes (member_id, status, changed_on)
SELECT id, 'ACTIVE', joined_on FROM members ORDER BY id;
INSERT INTO member_status_changes (member_id, status, changed_on)
SELECT id, status, joined_on + 400 FROM members WHERE status <> 'ACTIVE' ORDER BY id;`,
    },
    // numbers come from the same sequence the card service uses, so later issues stay unique
    {
      name: 'cards',
      sql: `
INSERT INTO member_cards (member_id, number, issued_on, status)
SELECT id, 'HY-' || lpad(nextval('card_number_seq')::text, 7, '0'), greatest(joined_on, date '2015-01-01'), 'ACTIVE'
FROM (SELECT id, joined_on FROM members WHERE right(id, 1) <> '7' ORDER BY id) m;`,
    },
    {
      name: 'fees',
      sql: `
INSERT INTO fee_payments (id, member_id, organization_id, year, amount, paid_on)
SELECT ${uid('fee', 'y', 'm')}, ${uid('mbr', 1, 'm')}, ${orgOfMember('m')}, y, 24000, make_date(y, 3, 15)
FROM generate_series(1, ${M}) m, generate_series(2017, 2018) y
WHERE m % 5 <> 0 AND m % 50 <> 0 AND date '2005-01-01' + (m * 37) % 5000 <= make_date(y, 12, 31);`,
    },
  ];
}

function fundraisingSteps(z: Sizes): Step[] {
  const { districts: D, communes: C, members: M } = z;
  const F = 1 + D + C;
  const perDistrict = C / D;
  return [
    // a fund for the province, every district and every commune association
    {
      name: 'funds and campaigns',
      sql: `
CREATE TEMP TABLE fund_map AS
SELECT f, CASE WHEN f = 1 THEN 1 WHEN f <= ${1 + D} THEN 2 ELSE 3 END AS k, CASE WHEN f = 1 THEN 1 WHEN f <= ${1 + D} THEN f - 1 ELSE f - ${1 + D} END AS n
FROM generate_series(1, ${F}) f;
ALTER TABLE fund_map ADD COLUMN id text, ADD COLUMN org_id text, ADD COLUMN area_id text, ADD COLUMN anc text[];
UPDATE fund_map SET id = ${uid('fund', 'k', 'n')}, org_id = ${uid('org', 'k', 'n')}, area_id = ${uid('area', 'k', 'n')},
  anc = CASE k WHEN 1 THEN ARRAY[${uid('area', 1, 1)}]
               WHEN 2 THEN ARRAY[${uid('area', 1, 1)}, ${uid('area', 2, 'n')}]
               ELSE ARRAY[${uid('area', 1, 1)}, ${uid('area', 2, `((n - 1) / ${perDistrict} + 1)`)}, ${uid('area', 3, 'n')}] END;
CREATE UNIQUE INDEX ON fund_map (f);
INSERT INTO funds (id, name, organization_id, area_id, area_ancestry) SELECT id, 'Quỹ Khuyến học ' || f, org_id, area_id, anc FROM fund_map;
INSERT INTO campaigns (id, fund_id, name, year, per_capita_target)
SELECT ${uid('cmp', 2018, 'f')}, id, 'Vận động Quỹ Khuyến học năm 2018', 2018, CASE WHEN f = 1 THEN 50000 END FROM fund_map;`,
    },
    {
      name: 'donations',
      params: nameParams,
      sql: `
INSERT INTO donations (id, fund_id, campaign_id, donor_name, donor_member_id, amount, received_on, method, receipt_seq, receipt_number, idempotency_key)
SELECT ${uid('don', 1, 'd')}, fm.id, CASE WHEN extract(year FROM x.day) = 2018 THEN ${uid('cmp', 2018, 'fm.f')} END,
  CASE WHEN d % 3 = 0 THEN ${nameSql(`((d * 7) % ${M} + 1)`)} ELSE (ARRAY['Công ty TNHH May Hưng Yên','Ngân hàng Nông nghiệp','Dòng họ Nguyễn','Hội Doanh nghiệp','Ẩn danh'])[1 + d % 5] END,
  CASE WHEN d % 3 = 0 THEN ${uid('mbr', 1, `((d * 7) % ${M} + 1)`)} END,
  ((d * 31) % 50 + 1) * 100000, x.day, (ARRAY['CASH','BANK_TRANSFER','IN_KIND'])[1 + d % 3],
  (d - 1) / ${F} + 1, 'PT-' || lpad(((d - 1) / ${F} + 1)::text, 6, '0'), 'bench-' || d
FROM generate_series(1, ${z.donations}) d
JOIN fund_map fm ON fm.f = (d - 1) % ${F} + 1
CROSS JOIN LATERAL (SELECT date '2017-01-01' + (d * 13) % 1095 AS day) x;`,
    },
    {
      name: 'awards',
      sql: `
INSERT INTO awards (id, fund_id, category, recipient_name, area_id, amount, awarded_on, reason)
SELECT ${uid('awd', 1, 'a')}, fm.id, (ARRAY['POOR_STUDENT_EXCELLENCE','EXCELLENT_STUDENT','LIFELONG_LEARNER','TEACHER'])[1 + a % 4],
  'Học sinh ' || a, fm.area_id, ((a * 17) % 20 + 1) * 100000, date '2017-01-01' + (a * 11) % 1095, 'Năm học'
FROM generate_series(1, ${z.awards}) a JOIN fund_map fm ON fm.f = (a - 1) % ${F} + 1;`,
    },
    // the ledger, then balances and receipt counters exactly as the services keep them
    {
      name: 'ledger, balances, receipt counters',
      sql: `
INSERT INTO ledger_entries (fund_id, kind, amount, entry_on, donation_id)
SELECT fund_id, 'DONATION', amount, received_on, id FROM donations ORDER BY received_on, id;
INSERT INTO ledger_entries (fund_id, kind, amount, entry_on, award_id)
SELECT fund_id, 'AWARD', -amount, awarded_on, id FROM awards ORDER BY awarded_on, id;
UPDATE funds f SET balance = l.total, receipts_issued = r.n
FROM (SELECT fund_id, sum(amount) AS total FROM ledger_entries GROUP BY fund_id) l,
     (SELECT fund_id, count(*)::int AS n FROM donations GROUP BY fund_id) r
WHERE l.fund_id = f.id AND r.fund_id = f.id;`,
    },
  ];
}

function learningSteps(z: Sizes): Step[] {
  const { districts: D, communes: C, villages: V } = z;
  const perDistrict = C / D;
  const vAnc = (v: string) =>
    `ARRAY[${uid('area', 1, 1)}, ${uid('area', 2, `((((${v}) - 1) % ${C}) / ${perDistrict} + 1)`)}, ${uid('area', 3, `(((${v}) - 1) % ${C} + 1)`)}, ${uid('area', 4, v)}]`;
  const cAnc = (c: string) => `ARRAY[${uid('area', 1, 1)}, ${uid('area', 2, `(((${c}) - 1) / ${perDistrict} + 1)`)}, ${uid('area', 3, c)}]`;
  const dAnc = (d: string) => `ARRAY[${uid('area', 1, 1)}, ${uid('area', 2, d)}]`;
  const households = (v: string, y: string) => `(((1000 + ((${v}) * 7919) % 667) * (1 + 0.01 * ((${y}) - 2018)))::int / 4)`;
  // status from the entry number: ~10 % pending, the rest recognised about 70 % of the time
  const status = `CASE WHEN (n * 7) % 100 < 10 THEN 'REGISTERED' WHEN (n * 13) % 100 < 70 THEN 'RECOGNIZED' ELSE 'NOT_RECOGNIZED' END`;
  return [
    {
      name: 'targets and eligible counts',
      sql: `
INSERT INTO learning_targets (year, kind, area_id, area_ancestry, target)
SELECT y, k, ${uid('area', 1, 1)}, ARRAY[${uid('area', 1, 1)}], t
FROM (VALUES (2018, 'FAMILY', 0.4), (2018, 'CLAN', 0.35), (2018, 'COMMUNITY', 0.35), (2018, 'UNIT', 0.4),
             (2019, 'FAMILY', 0.58), (2019, 'CLAN', 0.44), (2019, 'COMMUNITY', 0.5), (2019, 'UNIT', 0.5),
             (2020, 'FAMILY', 0.75), (2020, 'CLAN', 0.52), (2020, 'COMMUNITY', 0.65), (2020, 'UNIT', 0.6)) t(y, k, t);
INSERT INTO eligible_counts (year, kind, area_id, area_ancestry, count)
SELECT y, k.kind, ${uid('area', 4, 'v')}, ${vAnc('v')},
  CASE k.kind WHEN 'FAMILY' THEN ${households('v', 'y')} WHEN 'CLAN' THEN greatest(4, ${households('v', '2018')} / 45) ELSE 1 END
FROM generate_series(1, ${V}) v, generate_series(2018, 2020) y, (VALUES ('FAMILY'), ('CLAN'), ('COMMUNITY')) k(kind);
INSERT INTO eligible_counts (year, kind, area_id, area_ancestry, count)
SELECT y, 'UNIT', ${uid('area', 3, 'c')}, ${cAnc('c')}, 5 + c % 5 FROM generate_series(1, ${C}) c, generate_series(2018, 2020) y;
INSERT INTO eligible_counts (year, kind, area_id, area_ancestry, count)
SELECT y, 'UNIT', ${uid('area', 2, 'd')}, ${dAnc('d')}, 12 + d % 9 FROM generate_series(1, ${D}) d, generate_series(2018, 2020) y;`,
    },
    // 2018 entries: ~65 % of households register as learning families, ~60 % of clans, 3 villages in 4
    {
      name: 'entries 2018',
      sql: `
CREATE TEMP SEQUENCE entry_no;
CREATE TEMP TABLE entry_src AS
SELECT 'FAMILY' AS kind, 'Hộ gia đình ' || i || ' thôn ' || v AS name, ${uid('area', 4, 'v')} AS area_id, ${vAnc('v')} AS anc
FROM generate_series(1, ${V}) v, generate_series(1, (${households('v', '2018')} * 0.65)::int) i
UNION ALL
SELECT 'CLAN', 'Dòng họ ' || i || ' thôn ' || v, ${uid('area', 4, 'v')}, ${vAnc('v')}
FROM generate_series(1, ${V}) v, generate_series(1, (greatest(4, ${households('v', '2018')} / 45) * 0.6)::int) i
UNION ALL
SELECT 'COMMUNITY', 'Thôn ' || v, ${uid('area', 4, 'v')}, ${vAnc('v')} FROM generate_series(1, ${V}) v WHERE v % 4 <> 0
UNION ALL
SELECT 'UNIT', 'Đơn vị ' || i || ' xã ' || c, ${uid('area', 3, 'c')}, ${cAnc('c')} FROM generate_series(1, ${C}) c, generate_series(1, ((5 + c % 5) * 0.7)::int) i
UNION ALL
SELECT 'UNIT', 'Đơn vị ' || i || ' huyện ' || d, ${uid('area', 2, 'd')}, ${dAnc('d')} FROM generate_series(1, ${D}) d, generate_series(1, ((12 + d % 9) * 0.7)::int) i;
INSERT INTO learning_model_entries (id, kind, name, area_id, area_ancestry, year, status, decision_number, decided_on, criteria_code)
SELECT ${uid('lme', 2018, 'n')}, kind, name, area_id, anc, 2018, st,
  CASE WHEN st = 'RECOGNIZED' THEN (100 + n % 150) || '/QĐ-UBND' END,
  CASE WHEN st <> 'REGISTERED' THEN date '2018-12-10' + (n % 18)::int END,
  CASE WHEN st <> 'REGISTERED' THEN '448/QĐ-KHVN' END
FROM (SELECT s.*, ${status} AS st FROM (SELECT s.*, nextval('entry_no') AS n FROM entry_src s) s) x;
INSERT INTO learning_model_decisions (entry_id, status, previous_status, decision_number, decided_on, criteria_code, correction, actor_sub)
SELECT id, status, 'REGISTERED', decision_number, decided_on, criteria_code, false, 'bench-load'
FROM learning_model_entries WHERE status <> 'REGISTERED' ORDER BY id;`,
    },
    // the learning-models subgraph's own roll-up rebuild
    { name: 'roll-up rebuild', sql: `DELETE FROM rollup_counts;\n${REBUILD_ROLLUP_SQL};` },
    {
      name: 'learning centres',
      sql: `
INSERT INTO community_learning_centers (id, name, area_id, area_ancestry, established_on)
SELECT ${uid('clc', 1, 'c')}, 'Trung tâm học tập cộng đồng xã ' || c, ${uid('area', 3, 'c')}, ${cAnc('c')}, date '2005-01-15'
FROM generate_series(1, ${C}) c;
INSERT INTO center_evaluations (center_id, year, grade)
SELECT ${uid('clc', 1, 'c')}, y, (ARRAY['EXCELLENT','GOOD','GOOD','AVERAGE','BELOW'])[1 + (c + y) % 5]
FROM generate_series(1, ${C}) c, generate_series(2017, 2018) y;`,
    },
  ];
}

function inspectionSteps(z: Sizes): Step[] {
  const { districts: D, communes: C } = z;
  const perDistrict = C / D;
  const district = `((i - 1) % ${D} + 1)`;
  const commune = `((${district} - 1) * ${perDistrict} + (i / ${D}) % ${perDistrict} + 1)`;
  return [
    {
      name: 'inspections, findings, recommendations',
      sql: `
INSERT INTO policy_documents (id, code, code_key, title, kind, issuer, issued_on)
SELECT ${uid('doc', 1, 'k')}, k || '/QĐ-BENCH', k || '/qđ-bench', 'Văn bản ' || k, (ARRAY['DIRECTIVE','DECISION','PLAN','CIRCULAR','CHARTER'])[k], 'Tỉnh ủy', date '2017-01-01' + k * 30
FROM generate_series(1, 5) k;
INSERT INTO inspections (id, title, lead_id, lead_ancestry, lead_area_id, subject_ids, starts_on, ends_on, status, completed_on)
SELECT ${uid('insp', 1, 'i')}, 'Kiểm tra ' || i, ${uid('org', 2, district)}, ARRAY[${uid('org', 1, 1)}, ${uid('org', 2, district)}], ${uid('area', 2, district)},
  ARRAY[${uid('org', 3, commune)}], date '2018-01-01' + i % 300, date '2018-01-01' + i % 300 + 10,
  CASE WHEN i % 10 = 0 THEN 'PLANNED' ELSE 'COMPLETED' END, CASE WHEN i % 10 = 0 THEN NULL ELSE date '2018-01-01' + i % 300 + 20 END
FROM generate_series(1, ${z.inspections}) i;
INSERT INTO inspection_documents (inspection_id, document_id, position)
SELECT ${uid('insp', 1, 'i')}, ${uid('doc', 1, '(i % 5 + 1)')}, 0 FROM generate_series(1, ${z.inspections}) i;
INSERT INTO findings (id, inspection_id, severity, summary)
SELECT ${uid('fnd', 'k', 'i')}, ${uid('insp', 1, 'i')}, (ARRAY['INFO','MINOR','MAJOR'])[k], 'Phát hiện ' || k
FROM generate_series(1, ${z.inspections}) i, generate_series(1, 2) k WHERE i % 10 <> 0;
INSERT INTO recommendations (id, inspection_id, text, responsible_id, responsible_ancestry, responsible_area_id, due_on, status, resolved_on)
SELECT ${uid('rec', 'k', 'i')}, ${uid('insp', 1, 'i')}, 'Kiến nghị ' || k, ${uid('org', 3, commune)},
  ARRAY[${uid('org', 1, 1)}, ${uid('org', 2, district)}, ${uid('org', 3, commune)}], ${uid('area', 3, commune)}, date '2018-12-31',
  CASE WHEN k = 1 THEN 'OPEN' ELSE 'DONE' END, CASE WHEN k = 1 THEN NULL ELSE date '2018-11-30' END
FROM generate_series(1, ${z.inspections}) i, generate_series(1, 3) k WHERE i % 10 <> 0;`,
    },
  ];
}

/** A bulk load: no WAL flush per statement, and no per-row foreign-key triggers (the rows are
 * consistent by construction; checking 1.5 million references one by one triples the time). */
const LOAD_SETTINGS = "SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '256MB'; SET session_replication_role = replica";

/**
 * Drops a schema's secondary indexes (not those behind its primary keys and unique constraints) and
 * returns the statements that make them again: building an index once over millions of rows is
 * several times faster than keeping it up to date row by row (the trigram index on member names
 * above all). The names and definitions come back exactly as the migrations made them.
 */
async function dropSecondaryIndexes(client: Client, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = $1
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    [schema],
  );
  for (const r of rows) await client.query(`DROP INDEX "${schema}"."${r.name}"`);
  return rows.map((r) => r.def);
}

/** One connection loading schemas one after another: its steps, its indexes, then VACUUM ANALYZE. */
async function loadLane(databaseUrl: string, lane: [string, Step[]][], log: (s: string) => void, skip: { until?: string }): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(LOAD_SETTINGS);
    for (const [schema, steps] of lane) {
      await client.query(`SET search_path = ${schema}, public`);
      let t = Date.now();
      const indexes = await dropSecondaryIndexes(client, schema);
      for (const step of steps) {
        // (development) resume a failed load at a named step
        if (skip.until && step.name !== skip.until) continue;
        skip.until = undefined;
        t = Date.now();
        if (step.params) await client.query(step.sql, step.params);
        else await client.query(step.sql);
        log(`  ${schema}: ${step.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      }
      t = Date.now();
      for (const def of indexes) await client.query(def);
      log(`  ${schema}: ${indexes.length} secondary indexes built (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      t = Date.now();
      const { rows } = await client.query<{ t: string }>('SELECT tablename AS t FROM pg_tables WHERE schemaname = $1', [schema]);
      for (const r of rows) await client.query(`VACUUM ANALYZE "${schema}"."${r.t}"`);
      log(`  ${schema}: vacuum analyze (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Loads everything; the schemas must exist and be empty (fresh migrations). Two connections at
 * once, one per core: fundraising (donations and the ledger, about half the rows) beside the
 * other three, which share no table with it (each subgraph owns its schema).
 */
export async function loadDataset(databaseUrl: string, scale: number, log: (s: string) => void, skipUntil?: string): Promise<void> {
  const z = sizesFor(scale);
  // Each subgraph's rows go into its own schema, as the manifest names it.
  const lane = (subgraphs: [string, Step[]][]): [string, Step[]][] => subgraphs.map(([subgraph, steps]) => [manifestEntry(subgraph).dbSchema, steps]);
  const lanes = [
    lane([['fundraising', fundraisingSteps(z)]]),
    lane([
      ['membership', membershipSteps(z)],
      ['learning-models', learningSteps(z)],
      ['inspections', inspectionSteps(z)],
    ]),
  ];
  // resuming at a step (development) runs the lanes one after the other, so that "after it" means one order
  const skip = { until: skipUntil };
  if (skipUntil) for (const l of lanes) await loadLane(databaseUrl, l, log, skip);
  else await Promise.all(lanes.map((l) => loadLane(databaseUrl, l, log, { until: undefined })));
  // History written without events: membership's year-end figures must be built from it at the
  // next start (which the bench times), whatever a start on the empty schema recorded.
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DELETE FROM ${manifestEntry('membership').dbSchema}.org_year_stats; DELETE FROM ${manifestEntry('membership').dbSchema}.stats_builds`);
  } finally {
    await client.end();
  }
}

/** Row counts of the main tables (printed with the results). */
export async function datasetCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const q = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0].n);
    return {
      areas: await q('SELECT count(*) AS n FROM membership.areas'),
      population: await q(`SELECT population AS n FROM membership.area_statistics WHERE year = 2018 AND area_id = '${PROVINCE_AREA}'`),
      organizations: await q('SELECT count(*) AS n FROM membership.organizations'),
      members: await q('SELECT count(*) AS n FROM membership.members'),
      donations: await q('SELECT count(*) AS n FROM fundraising.donations'),
      awards: await q('SELECT count(*) AS n FROM fundraising.awards'),
      learningEntries: await q('SELECT count(*) AS n FROM learning.learning_model_entries'),
      inspections: await q('SELECT count(*) AS n FROM inspections.inspections'),
    };
  } finally {
    await client.end();
  }
}
