// The demo dataset every subgraph seeds its own part of. Ids are deterministic, so the
// fundraising subgraph's funds point at the very organisations membership creates, without
// either reading the other's tables.
import { AreaLevel, Gender, HostKind, OrganizationKind, makeId, type IdType } from '@khg/domain';
import { createHash } from 'node:crypto';
import hungYen2019 from '../data/hung-yen-2019.json';

export const DEMO_YEARS = [2018, 2019, 2020] as const;
export const COMMUNES_PER_DISTRICT = 4;
export const VILLAGES_PER_COMMUNE = 3;

export interface DemoArea {
  id: string;
  code: string;
  name: string;
  kind: string;
  level: AreaLevel;
  parentId: string | null;
  /** per year: inhabitants and households of this unit */
  statistics: { year: number; population: number; households: number }[];
}
export interface DemoOrganization {
  id: string;
  name: string;
  kind: OrganizationKind;
  host: HostKind;
  areaId: string;
  parentId: string | null;
  foundedOn: string;
}
export interface DemoMember {
  id: string;
  organizationId: string;
  fullName: string;
  gender: Gender;
  birthYear: number;
  phone: string;
  joinedOn: string;
  cardNumber: string | null;
  feeYears: number[];
}
export interface DemoPlan {
  areas: DemoArea[];
  organizations: DemoOrganization[];
  members: DemoMember[];
}

/** A deterministic id from a name (a UUIDv5-shaped digest), stable across runs and subgraphs. */
export function demoId(type: IdType, name: string): string {
  const h = createHash('sha1').update(`khg-demo:${type}:${name}`).digest('hex');
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return makeId(type, uuid);
}

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đào', 'Đinh'];
const MIDDLE_F = ['Thị', 'Thị', 'Ngọc', 'Thu', 'Minh'];
const MIDDLE_M = ['Văn', 'Văn', 'Đức', 'Quang', 'Hữu', 'Minh'];
const GIVEN_F = ['Lan', 'Hương', 'Hằng', 'Thảo', 'Mai', 'Hà', 'Nga', 'Yến', 'Trang', 'Ánh', 'Huyền', 'Linh'];
const GIVEN_M = ['Anh', 'Bình', 'Cường', 'Dũng', 'Hùng', 'Hải', 'Long', 'Nam', 'Sơn', 'Thắng', 'Tuấn', 'Việt'];

interface SourceUnit {
  code: string;
  name: string;
  level: string;
  kind: string;
  children?: SourceUnit[];
}

let cached: DemoPlan | null = null;

/** The Hưng Yên demo: the 2018-era tree (10 districts, a sample of communes, villages), its association tree, ~300 members. */
export function demoPlan(): DemoPlan {
  if (cached) return cached;
  const rnd = seededRandom(2018);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const areas: DemoArea[] = [];
  const organizations: DemoOrganization[] = [];
  const members: DemoMember[] = [];
  const stats = (population: number) =>
    DEMO_YEARS.map((year, i) => {
      const p = Math.round(population * (1 + 0.009 * i));
      return { year, population: p, households: Math.round(p / 3.9) };
    });

  const province = (hungYen2019 as { province: SourceUnit }).province;
  const provinceArea: DemoArea = {
    id: demoId('Area', province.code),
    code: province.code,
    name: province.name,
    kind: province.kind,
    level: AreaLevel.PROVINCE,
    parentId: null,
    statistics: stats(1_196_000),
  };
  areas.push(provinceArea);
  const provinceOrg: DemoOrganization = {
    id: demoId('Organization', `assoc:${province.code}`),
    name: `Hội Khuyến học tỉnh ${province.name}`,
    kind: OrganizationKind.ASSOCIATION,
    host: HostKind.ADMINISTRATIVE,
    areaId: provinceArea.id,
    parentId: null,
    foundedOn: '1997-06-20',
  };
  organizations.push(provinceOrg);
  organizations.push({
    id: demoId('Organization', 'assoc:university:utehy'),
    name: 'Hội Khuyến học Trường Đại học Sư phạm Kỹ thuật Hưng Yên',
    kind: OrganizationKind.ASSOCIATION,
    host: HostKind.UNIVERSITY,
    areaId: provinceArea.id,
    parentId: provinceOrg.id,
    foundedOn: '2012-03-15',
  });
  organizations.push({
    id: demoId('Organization', 'board:dept-education'),
    name: 'Ban Khuyến học Sở Giáo dục và Đào tạo',
    kind: OrganizationKind.BOARD,
    host: HostKind.AGENCY,
    areaId: provinceArea.id,
    parentId: provinceOrg.id,
    foundedOn: '2010-09-01',
  });

  for (const district of province.children ?? []) {
    const dArea: DemoArea = {
      id: demoId('Area', district.code),
      code: district.code,
      name: district.name,
      kind: district.kind,
      level: AreaLevel.DISTRICT,
      parentId: provinceArea.id,
      statistics: stats(between(95_000, 150_000)),
    };
    areas.push(dArea);
    const dOrg: DemoOrganization = {
      id: demoId('Organization', `assoc:${district.code}`),
      name: `Hội Khuyến học ${district.kind} ${district.name}`,
      kind: OrganizationKind.ASSOCIATION,
      host: HostKind.ADMINISTRATIVE,
      areaId: dArea.id,
      parentId: provinceOrg.id,
      foundedOn: '1998-03-10',
    };
    organizations.push(dOrg);
    for (const commune of (district.children ?? []).slice(0, COMMUNES_PER_DISTRICT)) {
      const cArea: DemoArea = {
        id: demoId('Area', commune.code),
        code: commune.code,
        name: commune.name,
        kind: commune.kind,
        level: AreaLevel.COMMUNE,
        parentId: dArea.id,
        statistics: stats(between(6_000, 14_000)),
      };
      areas.push(cArea);
      const cOrg: DemoOrganization = {
        id: demoId('Organization', `assoc:${commune.code}`),
        name: `Hội Khuyến học ${commune.kind} ${commune.name}`,
        kind: OrganizationKind.ASSOCIATION,
        host: HostKind.ADMINISTRATIVE,
        areaId: cArea.id,
        parentId: dOrg.id,
        foundedOn: '2003-05-19',
      };
      organizations.push(cOrg);
      for (let v = 1; v <= VILLAGES_PER_COMMUNE; v++) {
        const vCode = `${commune.code}-T${v}`;
        const vArea: DemoArea = {
          id: demoId('Area', vCode),
          code: vCode,
          name: `Thôn ${v}`,
          kind: 'thôn',
          level: AreaLevel.VILLAGE,
          parentId: cArea.id,
          statistics: stats(between(1_200, 3_000)),
        };
        areas.push(vArea);
        const branch: DemoOrganization = {
          id: demoId('Organization', `branch:${vCode}`),
          name: `Chi hội Khuyến học thôn ${v}, ${commune.name}`,
          kind: OrganizationKind.BRANCH,
          host: HostKind.ADMINISTRATIVE,
          areaId: vArea.id,
          parentId: cOrg.id,
          foundedOn: '2006-09-05',
        };
        organizations.push(branch);
        const count = between(2, 4);
        for (let m = 0; m < count; m++) {
          const female = rnd() < 0.5;
          const fullName = `${pick(FAMILY)} ${pick(female ? MIDDLE_F : MIDDLE_M)} ${pick(female ? GIVEN_F : GIVEN_M)}`;
          const n = members.length + 1;
          const joinedYear = between(2008, 2018);
          members.push({
            id: demoId('Member', `m${n}`),
            organizationId: branch.id,
            fullName,
            gender: female ? Gender.FEMALE : Gender.MALE,
            birthYear: between(1950, 1998),
            phone: `09${String(between(10_000_000, 99_999_999))}`,
            joinedOn: `${joinedYear}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`,
            cardNumber: rnd() < 0.8 ? `HY-${String(n).padStart(6, '0')}` : null,
            feeYears: [2018, 2019, 2020].filter((y) => y >= joinedYear && rnd() < 0.75),
          });
        }
      }
    }
  }
  cached = { areas, organizations, members };
  return cached;
}

export { hungYen2019 };
