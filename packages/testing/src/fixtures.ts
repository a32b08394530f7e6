import { randomBytes } from 'node:crypto';
import { graphOk } from './client';

/** A short unique suffix, so fixtures of different tests never collide on unique codes. */
export const unique = (prefix = '') => `${prefix}${randomBytes(4).toString('hex')}`;

export interface AreaRef {
  id: string;
  code: string;
  name: string;
}
export interface OrgRef {
  id: string;
  name: string;
  areaId: string;
}

export async function createArea(
  input: { level: string; parentId?: string; name?: string; code?: string; validFrom?: string },
  token?: string,
): Promise<AreaRef> {
  const code = input.code ?? unique('T');
  const d = await graphOk<{ createArea: AreaRef }>(
    `mutation($i: CreateAreaInput!) { createArea(input: $i) { id code name } }`,
    { i: { code, name: input.name ?? `${input.level} ${code}`, level: input.level, parentId: input.parentId, validFrom: input.validFrom } },
    { token },
  );
  return d.createArea;
}

export async function recordStatistics(areaId: string, year: number, population: number, households = Math.floor(population / 4)): Promise<void> {
  await graphOk(`mutation($a: ID!, $y: Int!, $p: Int!, $h: Int!) { recordAreaStatistics(areaId: $a, year: $y, population: $p, households: $h) { id } }`, {
    a: areaId,
    y: year,
    p: population,
    h: households,
  });
}

export async function createOrganization(
  input: { areaId: string; parentId?: string; name?: string; kind?: string; host?: string },
  token?: string,
): Promise<OrgRef> {
  const d = await graphOk<{ createOrganization: { id: string; name: string } }>(
    `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id name } }`,
    {
      i: {
        name: input.name ?? unique('Hội '),
        kind: input.kind ?? 'ASSOCIATION',
        host: input.host ?? 'ADMINISTRATIVE',
        areaId: input.areaId,
        parentId: input.parentId,
      },
    },
    { token },
  );
  return { ...d.createOrganization, areaId: input.areaId };
}

export async function admitMember(
  organizationId: string,
  fullName = unique('Nguyễn Văn '),
  extra: Record<string, unknown> = {},
  token?: string,
): Promise<{ id: string; fullName: string }> {
  const d = await graphOk<{ admitMember: { id: string; fullName: string } }>(
    `mutation($i: AdmitMemberInput!) { admitMember(input: $i) { id fullName } }`,
    { i: { organizationId, fullName, joinedOn: '2017-01-15', ...extra } },
    { token },
  );
  return d.admitMember;
}

export interface Tree {
  province: AreaRef;
  districts: AreaRef[];
  communes: AreaRef[];
  villages: AreaRef[];
  provinceOrg: OrgRef;
  districtOrgs: OrgRef[];
  communeOrgs: OrgRef[];
}

/** A small province: `districts` districts with `communes` communes each, one village per commune, and their associations. */
export async function createTree(districts = 2, communes = 2): Promise<Tree> {
  const province = await createArea({ level: 'PROVINCE', name: unique('Tỉnh ') });
  const provinceOrg = await createOrganization({ areaId: province.id, name: `Hội Khuyến học ${province.name}` });
  const t: Tree = { province, districts: [], communes: [], villages: [], provinceOrg, districtOrgs: [], communeOrgs: [] };
  for (let d = 0; d < districts; d++) {
    const district = await createArea({ level: 'DISTRICT', parentId: province.id });
    t.districts.push(district);
    const dOrg = await createOrganization({ areaId: district.id, parentId: provinceOrg.id });
    t.districtOrgs.push(dOrg);
    for (let c = 0; c < communes; c++) {
      const commune = await createArea({ level: 'COMMUNE', parentId: district.id });
      t.communes.push(commune);
      t.villages.push(await createArea({ level: 'VILLAGE', parentId: commune.id }));
      t.communeOrgs.push(await createOrganization({ areaId: commune.id, parentId: dOrg.id }));
    }
  }
  return t;
}
