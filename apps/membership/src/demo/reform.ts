import { Role } from '@khg/domain';
import { demoId, demoReform, REFORM_ON } from '@khg/demo-data';
import { ltreeLabel, type Caller, type Outbox } from '@khg/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { Area, AreaParent, AreaStatistic } from '../modules/areas/area.entity';
import { Organization } from '../modules/organizations/organization.entity';
import { ReorganizationService } from '../modules/reorganizations/reorganization.service';
import { AreaChangeKind, type ReorganizeAreasInput } from '../modules/reorganizations/reorganization.input';

const SEED_CALLER: Caller = { sub: 'demo-seed', role: Role.ADMIN };

/**
 * The Thái Bình sample and the 2025 reform, on top of the Hưng Yên demo, inside the seed's
 * transaction. Areas change through ReorganizationService.apply, the code path of the
 * reorganizeAreas mutation. Organisations follow as the association did: new associations for
 * the new units, branches re-founded under them, members moved with the reason recorded, the old
 * associations dissolved with their successor named.
 */
export async function seedReformDemo(
  em: EntityManager,
  ds: DataSource,
  outbox: Outbox,
  pathOf: (id: string, parentId: string | null) => string,
): Promise<{ reorganizations: number }> {
  const reform = demoReform();
  await em.insert(
    Area,
    reform.areas.map((a) => ({
      id: a.id,
      code: a.code,
      name: a.name,
      kind: a.kind,
      level: a.level,
      parentId: a.parentId,
      path: pathOf(a.id, a.parentId),
      validFrom: null,
      validTo: null,
    })),
  );
  await em.insert(
    AreaParent,
    reform.areas.filter((a) => a.parentId).map((a) => ({ areaId: a.id, parentId: a.parentId!, validFrom: null, validTo: null, reorganizationId: null })),
  );
  await em.insert(
    AreaStatistic,
    reform.areas.flatMap((a) => a.statistics.map((s) => ({ areaId: a.id, ...s }))),
  );
  await em.insert(
    Organization,
    reform.organizations.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      host: o.host,
      areaId: o.areaId,
      parentId: o.parentId,
      path: pathOf(o.id, o.parentId),
      foundedOn: o.foundedOn,
      closedOn: null,
      successorId: null,
    })),
  );

  const service = new ReorganizationService(ds, outbox);
  for (const r of reform.reorganizations) {
    const input: ReorganizeAreasInput = {
      ...r.input,
      changes: r.input.changes.map((c) => ({ ...c, kind: AreaChangeKind[c.kind] })),
    };
    await service.apply(em, SEED_CALLER, input, {
      reorganizationId: r.id,
      idFor: (code) => reform.openedAreaId(r.input.effectiveOn, code),
    });
  }

  // New associations, then branches re-founded under them for the villages that moved in.
  for (const o of reform.newOrganizations) {
    const [parent] = o.parentId ? await em.query(`SELECT path::text AS path FROM organizations WHERE id = $1`, [o.parentId]) : [null];
    await em.insert(Organization, {
      id: o.id,
      name: o.name,
      kind: o.kind,
      host: o.host,
      areaId: o.areaId,
      parentId: o.parentId,
      path: parent ? `${parent.path}.${ltreeLabel(o.id)}` : ltreeLabel(o.id),
      foundedOn: o.foundedOn,
      closedOn: null,
      successorId: null,
    });
  }
  const successorOf = new Map(reform.successors.map((s) => [s.organizationId, s.successorId]));
  const reason = `Sắp xếp đơn vị hành chính từ ${REFORM_ON} (1666/NQ-UBTVQH15)`;
  // Every branch under a dissolved commune association: a new branch under the successor, same village.
  const branches: { id: string; name: string; kind: string; host: string; area_id: string; parent_id: string }[] = await em.query(
    `SELECT id, name, kind, host, area_id, parent_id FROM organizations WHERE parent_id = ANY($1::text[]) AND kind = 'BRANCH' AND closed_on IS NULL ORDER BY id`,
    [[...successorOf.keys()]],
  );
  for (const b of branches) {
    const parentId = successorOf.get(b.parent_id)!;
    const id = demoId('Organization', `branch:${REFORM_ON}:${b.id}`);
    const [parent] = await em.query(`SELECT path::text AS path FROM organizations WHERE id = $1`, [parentId]);
    await em.insert(Organization, {
      id,
      name: b.name,
      kind: b.kind as Organization['kind'],
      host: b.host as Organization['host'],
      areaId: b.area_id,
      parentId,
      path: `${parent.path}.${ltreeLabel(id)}`,
      foundedOn: REFORM_ON,
      closedOn: null,
      successorId: null,
    });
    successorOf.set(b.id, id);
  }
  // Members move with the reason recorded; the dissolved organisations name their successor.
  const from = [...successorOf.keys()];
  const to = from.map((id) => successorOf.get(id)!);
  await em.query(
    `
WITH moves AS (SELECT * FROM unnest($1::text[], $2::text[]) AS m(from_org, to_org)),
closed AS (
  UPDATE membership_periods p SET to_date = $3 FROM moves m
  WHERE p.organization_id = m.from_org AND p.to_date IS NULL AND p.from_date < $3
  RETURNING p.member_id, m.to_org)
INSERT INTO membership_periods (member_id, organization_id, from_date, to_date, reason)
SELECT member_id, to_org, $3, NULL, $4 FROM closed`,
    [from, to, REFORM_ON, reason],
  );
  await em.query(`UPDATE members m SET organization_id = p.organization_id FROM membership_periods p
    WHERE p.member_id = m.id AND p.to_date IS NULL AND p.organization_id <> m.organization_id`);
  await em.query(
    `UPDATE organizations o SET closed_on = $3, successor_id = m.to_org
    FROM unnest($1::text[], $2::text[]) AS m(from_org, to_org) WHERE o.id = m.from_org`,
    [from, to, REFORM_ON],
  );
  // Boards and university associations under a dissolved province association move with history.
  const stay: { id: string; parent_id: string; path: string }[] = await em.query(
    `SELECT id, parent_id, path::text AS path FROM organizations WHERE parent_id = ANY($1::text[]) AND closed_on IS NULL ORDER BY id`,
    [from],
  );
  for (const s of stay) {
    const parentId = successorOf.get(s.parent_id)!;
    const [parent] = await em.query(`SELECT path::text AS path FROM organizations WHERE id = $1`, [parentId]);
    await em.query(
      `UPDATE organizations SET parent_id = CASE WHEN id = $1 THEN $2 ELSE parent_id END,
      path = CASE WHEN path = $4::ltree THEN $3::ltree ELSE $3::ltree || subpath(path, nlevel($4::ltree)) END WHERE path <@ $4::ltree`,
      [s.id, parentId, `${parent.path}.${ltreeLabel(s.id)}`, s.path],
    );
    await em.query(`UPDATE organization_history SET valid_to = $2 WHERE organization_id = $1 AND valid_to IS NULL`, [s.id, REFORM_ON]);
    await em.query(
      `INSERT INTO organization_history (organization_id, parent_id, area_id, valid_from, reason)
      SELECT id, parent_id, area_id, $2, $3 FROM organizations WHERE id = $1`,
      [s.id, REFORM_ON, reason],
    );
  }
  await em.query(`INSERT INTO organization_history (organization_id, parent_id, area_id, valid_from, valid_to)
    SELECT id, parent_id, area_id, founded_on, closed_on FROM organizations o
    WHERE NOT EXISTS (SELECT 1 FROM organization_history h WHERE h.organization_id = o.id)`);
  await em.query(
    `UPDATE organization_history h SET valid_to = o.closed_on, reason = $1 FROM organizations o
    WHERE o.id = h.organization_id AND o.closed_on IS NOT NULL AND h.valid_to IS NULL`,
    [reason],
  );
  return { reorganizations: reform.reorganizations.length };
}
