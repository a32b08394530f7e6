// The 2025 reform in the demo: a sample of Thái Bình beside the 2018 Hưng Yên tree, and the
// reorganisations that turn both into the two-level Hưng Yên of 1 July 2025. Membership applies
// them through the same service as the reorganizeAreas mutation; ids are deterministic.
import { AreaLevel, HostKind, OrganizationKind } from '@khg/domain';
import thaiBinh2019 from '../data/thai-binh-2019.json';
import hungYen2025 from '../data/hung-yen-from-2025-07-01.json';
import { DEMO_YEARS, demoId, demoPlan, seededRandom, type DemoArea, type DemoOrganization } from './plan';

/** Thái Bình sample: districts and communes whose code and name did not change up to 2025. */
const THAI_BINH_SAMPLE: Record<string, string[]> = {
  '336': ['12433', '12436', '12451', '12452'], // TP Thái Bình: three go into 13225, one into 12452
  '338': ['12475', '12478', '12490', '12499'], // Quỳnh Phụ: all four go into 12499
};

export interface DemoAreaChange {
  kind: 'MERGE' | 'SPLIT' | 'RENAME' | 'MOVE' | 'ABOLISH';
  areaIds: string[];
  into?: { code: string; name: string; level: AreaLevel; kind: string; parentId?: string | null; populationShare?: number | null }[];
  name?: string | null;
  code?: string | null;
  parentId?: string | null;
}
export interface DemoReorganization {
  id: string;
  input: { decisionNumber: string; decidedOn: string; effectiveOn: string; changes: DemoAreaChange[] };
}
export interface DemoReform {
  /** the Thái Bình sample as it stood in 2018 (province, districts, communes) */
  areas: DemoArea[];
  organizations: DemoOrganization[];
  reorganizations: DemoReorganization[];
  /** the id an opened unit gets: by effective date and code, since codes are reused */
  openedAreaId: (effectiveOn: string, code: string) => string;
  /** associations of the new units, opened on the effective date */
  newOrganizations: DemoOrganization[];
  /** which association each dissolved one hands its members to */
  successors: { organizationId: string; successorId: string; on: string }[];
}

interface Unit {
  code: string;
  name: string;
  kind: string;
  children?: Unit[];
}
interface NewUnit extends Unit {
  formedFrom?: string[];
  formedFromPartial?: string[];
}

export const REFORM_ON = '2025-07-01';
const PRE_REFORM_ON = '2025-01-01';
const openedAreaId = (effectiveOn: string, code: string) => demoId('Area', `${effectiveOn}:${code}`);

let cached: DemoReform | null = null;

export function demoReform(): DemoReform {
  if (cached) return cached;
  const rnd = seededRandom(2025);
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const stats = (population: number) =>
    DEMO_YEARS.map((year, i) => {
      const p = Math.round(population * (1 + 0.007 * i));
      return { year, population: p, households: Math.round(p / 3.8) };
    });
  const plan = demoPlan();
  const areas: DemoArea[] = [];
  const organizations: DemoOrganization[] = [];

  const tb = (thaiBinh2019 as { province: Unit }).province;
  const tbProvince: DemoArea = {
    id: demoId('Area', tb.code),
    code: tb.code,
    name: tb.name,
    kind: tb.kind,
    level: AreaLevel.PROVINCE,
    parentId: null,
    statistics: stats(1_860_000),
  };
  areas.push(tbProvince);
  const tbOrg: DemoOrganization = {
    id: demoId('Organization', `assoc:${tb.code}`),
    name: `Hội Khuyến học tỉnh ${tb.name}`,
    kind: OrganizationKind.ASSOCIATION,
    host: HostKind.ADMINISTRATIVE,
    areaId: tbProvince.id,
    parentId: null,
    foundedOn: '1996-11-12',
  };
  organizations.push(tbOrg);
  for (const district of tb.children ?? []) {
    const sample = THAI_BINH_SAMPLE[district.code];
    if (!sample) continue;
    const d: DemoArea = {
      id: demoId('Area', district.code),
      code: district.code,
      name: district.name,
      kind: district.kind,
      level: AreaLevel.DISTRICT,
      parentId: tbProvince.id,
      statistics: stats(between(180_000, 240_000)),
    };
    areas.push(d);
    const dOrg: DemoOrganization = {
      id: demoId('Organization', `assoc:${district.code}`),
      name: `Hội Khuyến học ${district.kind} ${district.name}`,
      kind: OrganizationKind.ASSOCIATION,
      host: HostKind.ADMINISTRATIVE,
      areaId: d.id,
      parentId: tbOrg.id,
      foundedOn: '1998-05-02',
    };
    organizations.push(dOrg);
    for (const commune of (district.children ?? []).filter((c) => sample.includes(c.code))) {
      const c: DemoArea = {
        id: demoId('Area', commune.code),
        code: commune.code,
        name: commune.name,
        kind: commune.kind,
        level: AreaLevel.COMMUNE,
        parentId: d.id,
        statistics: stats(between(7_000, 13_000)),
      };
      areas.push(c);
      organizations.push({
        id: demoId('Organization', `assoc:${commune.code}`),
        name: `Hội Khuyến học ${commune.kind} ${commune.name}`,
        kind: OrganizationKind.ASSOCIATION,
        host: HostKind.ADMINISTRATIVE,
        areaId: c.id,
        parentId: dOrg.id,
        foundedOn: '2004-03-26',
      });
    }
  }

  const hyAreas = plan.areas;
  const byCode = new Map([...hyAreas, ...areas].filter((a) => a.level !== AreaLevel.VILLAGE).map((a) => [a.code, a]));
  const hyProvince = hyAreas.find((a) => a.level === AreaLevel.PROVINCE)!;

  // Step 1 (2025-01-01): the 2023–2025 arrangement where it touches the sample. The GSO list of
  // 01/01/2025 drops 12058 and 12343; the sources do not say where they went. The demo assumes
  // the neighbour whose name changed in the same list (12055 → Nguyễn Văn Linh) and, for 12343,
  // the next commune of the sample (12346 Nhật Tân): an assumption, written in the decision.
  const pre: DemoReorganization = {
    id: demoId('AreaReorganization', 'pre-2025'),
    input: {
      decisionNumber: 'DEMO-2024 (sắp xếp 2023–2025, nơi sáp nhập là giả định)',
      decidedOn: '2024-10-24',
      effectiveOn: PRE_REFORM_ON,
      changes: [
        {
          kind: 'MERGE',
          areaIds: [byCode.get('12055')!.id, byCode.get('12058')!.id],
          into: [{ code: '12055', name: 'Nguyễn Văn Linh', level: AreaLevel.COMMUNE, kind: 'xã' }],
        },
        {
          kind: 'MERGE',
          areaIds: [byCode.get('12343')!.id, byCode.get('12346')!.id],
          into: [{ code: '12346', name: 'Nhật Tân', level: AreaLevel.COMMUNE, kind: 'xã' }],
        },
        { kind: 'RENAME', areaIds: [byCode.get('12214')!.id], name: 'Phạm Hồng Thái' },
      ],
    },
  };
  // Current ids after step 1, by code (the commune ids the 2025 plan names).
  const current = new Map([...byCode].map(([code, a]) => [code, a.id]));
  for (const c of ['12055', '12346', '12214']) current.set(c, openedAreaId(PRE_REFORM_ON, c));
  current.delete('12058');
  current.delete('12343');

  // Step 2 (2025-07-01): Resolution 1666/NQ-UBTVQH15 for the sample, with the province merger.
  const newUnits = ((hungYen2025 as unknown as { province: NewUnit }).province.children ?? []) as NewUnit[];
  const sampleCommunes = [...current.keys()].filter((code) => byCode.get(code)?.level === AreaLevel.COMMUNE || ['12055', '12346', '12214'].includes(code));
  const targets = new Map<string, NewUnit[]>();
  for (const code of sampleCommunes)
    targets.set(
      code,
      newUnits.filter((n) => (n.formedFrom ?? []).includes(code)),
    );
  const changes: DemoAreaChange[] = [
    { kind: 'MERGE', areaIds: [hyProvince.id, tbProvince.id], into: [{ code: '33', name: 'Hưng Yên', level: AreaLevel.PROVINCE, kind: 'tỉnh' }] },
    { kind: 'ABOLISH', areaIds: [...hyAreas, ...areas].filter((a) => a.level === AreaLevel.DISTRICT).map((a) => a.id) },
  ];
  const split = sampleCommunes.filter((code) => targets.get(code)!.length > 1);
  for (const unit of newUnits) {
    const whole = sampleCommunes.filter((code) => !split.includes(code) && targets.get(code)!.length === 1 && targets.get(code)![0].code === unit.code);
    if (!whole.length) continue;
    changes.push({
      kind: 'MERGE',
      areaIds: whole.map((code) => current.get(code)!),
      into: [{ code: unit.code, name: unit.name, level: AreaLevel.COMMUNE, kind: unit.kind, parentId: hyProvince.id }],
    });
  }
  for (const code of split) {
    // The sources name the parts, not the shares: the demo splits evenly.
    const parts = targets.get(code)!;
    changes.push({
      kind: 'SPLIT',
      areaIds: [current.get(code)!],
      into: parts.map((p) => ({
        code: p.code,
        name: p.name,
        level: AreaLevel.COMMUNE,
        kind: p.kind,
        parentId: hyProvince.id,
        populationShare: 1 / parts.length,
      })),
    });
    // Its villages go with the first part (to its predecessor's id, which stands for the new unit).
    const firstPart = parts[0].code;
    const intoId = current.get(firstPart);
    for (const v of hyAreas.filter((a) => a.parentId === byCode.get(code)!.id)) {
      changes.push({ kind: 'MOVE', areaIds: [v.id], parentId: intoId ?? hyProvince.id });
    }
  }
  const reform: DemoReorganization = {
    id: demoId('AreaReorganization', 'reform-2025'),
    input: { decisionNumber: '1666/NQ-UBTVQH15; 202/2025/QH15', decidedOn: '2025-06-16', effectiveOn: REFORM_ON, changes },
  };

  // Associations follow: one per new unit; the old ones hand their members over.
  const allOrgs = [...plan.organizations, ...organizations];
  const orgOfArea = new Map(allOrgs.filter((o) => o.kind === OrganizationKind.ASSOCIATION).map((o) => [o.areaId, o]));
  const newProvinceArea = openedAreaId(REFORM_ON, '33');
  const newProvinceOrg: DemoOrganization = {
    id: demoId('Organization', `assoc:${REFORM_ON}:33`),
    name: 'Hội Khuyến học tỉnh Hưng Yên',
    kind: OrganizationKind.ASSOCIATION,
    host: HostKind.ADMINISTRATIVE,
    areaId: newProvinceArea,
    parentId: null,
    foundedOn: REFORM_ON,
  };
  const newOrganizations: DemoOrganization[] = [newProvinceOrg];
  const successors: DemoReform['successors'] = [];
  for (const ch of changes.filter((c) => c.kind === 'MERGE' && c.into![0].level === AreaLevel.COMMUNE)) {
    const n = ch.into![0];
    const org: DemoOrganization = {
      id: demoId('Organization', `assoc:${REFORM_ON}:${n.code}`),
      name: `Hội Khuyến học ${n.kind} ${n.name}`,
      kind: OrganizationKind.ASSOCIATION,
      host: HostKind.ADMINISTRATIVE,
      areaId: openedAreaId(REFORM_ON, n.code),
      parentId: newProvinceOrg.id,
      foundedOn: REFORM_ON,
    };
    newOrganizations.push(org);
  }
  // Commune associations (and the pre-2025 ones' areas) hand over to the association of the unit they went into.
  const assocForCommuneCode = (code: string): string => {
    const t = targets.get(code)!;
    return demoId('Organization', `assoc:${REFORM_ON}:${t[0].code}`);
  };
  for (const code of sampleCommunes) {
    const areaId = byCode.get(code)?.id;
    const org = areaId ? orgOfArea.get(areaId) : undefined;
    if (org) successors.push({ organizationId: org.id, successorId: assocForCommuneCode(code), on: REFORM_ON });
  }
  for (const code of ['12058', '12343']) {
    const org = orgOfArea.get(byCode.get(code)!.id)!;
    successors.push({ organizationId: org.id, successorId: assocForCommuneCode(code === '12058' ? '12055' : '12346'), on: REFORM_ON });
  }
  for (const a of [...hyAreas, ...areas].filter((x) => x.level === AreaLevel.DISTRICT || x.level === AreaLevel.PROVINCE)) {
    const org = orgOfArea.get(a.id);
    if (org) successors.push({ organizationId: org.id, successorId: newProvinceOrg.id, on: REFORM_ON });
  }

  cached = { areas, organizations, reorganizations: [pre, reform], openedAreaId, newOrganizations, successors };
  return cached;
}
