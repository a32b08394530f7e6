import { IsNull, type DataSource } from 'typeorm';
import { EventType, isCivilDate } from '@khg/domain';
import { badInput, conflict, idsOfLtreePath, ltreeLabel, notFound, requireId, type Caller, type Outbox } from '@khg/platform';
import { Area } from '../areas/area.entity';
import { Organization } from '../organizations/organization.entity';
import type { OrganizationService } from '../organizations/organization.service';
import type { MemberService } from '../members/member.service';
import { MembershipPeriod } from '../members/member.entity';

/**
 * Organisations following a reorganisation: an association is dissolved on a date (its members
 * transferred to its successor with the reason recorded) or moved under another parent, with the
 * history of where it sat kept in organization_history.
 */
export class OrganizationChangeService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly orgs: OrganizationService,
    private readonly members: MemberService,
  ) {}

  async close(caller: Caller, id: string, on: string, successorId: string | null, reason: string): Promise<Organization> {
    requireId('Organization', id, 'id');
    if (!isCivilDate(on)) throw badInput(`on (${on}) is not a date`);
    if (!reason?.trim() || reason.length > 500) throw badInput('reason must be 1 to 500 characters: it is recorded on every member moved');
    // Checks first (outside any transfer), so a refused close moves nobody.
    const { org, successor } = await this.ds.transaction(async (em) => {
      const org = await this.orgs.writable(em, caller, id, 'id', 'Dissolving an organisation');
      if (org.closedOn) throw conflict(`${org.name} was already dissolved on ${org.closedOn}`);
      if (org.foundedOn && on <= org.foundedOn) throw badInput(`on (${on}) must be after the founding date (${org.foundedOn})`);
      const openChildren = await em.find(Organization, { where: { parentId: org.id, closedOn: IsNull() }, order: { name: 'ASC' } });
      if (openChildren.length) {
        throw badInput(
          `${org.name} still has ${openChildren.length} active organisation(s) under it (${openChildren
            .slice(0, 5)
            .map((c) => c.name)
            .join(', ')}${openChildren.length > 5 ? '…' : ''}): dissolve or move them first`,
        );
      }
      let successor: Organization | null = null;
      if (successorId) {
        successor = await this.orgs.writable(em, caller, successorId, 'successorId', 'Receiving the members of a dissolved organisation');
        if (successor.closedOn) throw badInput(`The successor ${successor.name} was dissolved on ${successor.closedOn}`);
        if (successor.id === org.id) throw badInput('An organisation cannot succeed itself');
      }
      const memberCount = await em.count(MembershipPeriod, { where: { organizationId: org.id, to: IsNull() } });
      if (memberCount && !successor) throw badInput(`${org.name} has ${memberCount} member(s): give successorId, the organisation they move to`);
      return { org, successor };
    });
    if (successor) {
      const open = await this.ds.getRepository(MembershipPeriod).find({ where: { organizationId: org.id, to: IsNull() }, order: { memberId: 'ASC' } });
      // Each move is the members module's own transfer (period closed, new one opened, event);
      // a close interrupted here leaves only complete transfers and can simply be asked again.
      for (const p of open) await this.members.transfer(caller, p.memberId, successor.id, on, reason.trim());
    }
    return this.ds.transaction(async (em) => {
      const locked = await em.findOne(Organization, { where: { id: org.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.closedOn) throw conflict(`${org.name} was dissolved meanwhile`);
      const left = await em.count(MembershipPeriod, { where: { organizationId: org.id, to: IsNull() } });
      if (left) throw conflict(`${left} member(s) joined ${org.name} meanwhile; ask again`);
      await em.update(Organization, { id: org.id }, { closedOn: on, successorId: successor?.id ?? null });
      await em.query(`UPDATE organization_history SET valid_to = $2, reason = coalesce(reason, $3) WHERE organization_id = $1 AND valid_to IS NULL`, [
        org.id,
        on,
        reason.trim(),
      ]);
      await this.outbox.append(em, caller, {
        type: EventType.ORGANIZATION_CLOSED,
        subjectId: org.id,
        areaId: org.areaId,
        payload: { on, successorId: successor?.id ?? null },
      });
      return { ...locked, closedOn: on, successorId: successor?.id ?? null };
    });
  }

  async move(caller: Caller, id: string, parentId: string, on: string, reason: string, areaId: string | null): Promise<Organization> {
    requireId('Organization', id, 'id');
    requireId('Organization', parentId, 'parentId');
    if (areaId) requireId('Area', areaId, 'areaId');
    if (!isCivilDate(on)) throw badInput(`on (${on}) is not a date`);
    if (!reason?.trim() || reason.length > 500) throw badInput('reason must be 1 to 500 characters');
    return this.ds.transaction(async (em) => {
      const org = await this.orgs.writable(em, caller, id, 'id', 'Moving an organisation');
      const parent = await this.orgs.writable(em, caller, parentId, 'parentId', 'Moving an organisation under another');
      if (org.closedOn) throw badInput(`${org.name} was dissolved on ${org.closedOn}`);
      if (parent.closedOn) throw badInput(`${parent.name} was dissolved on ${parent.closedOn}`);
      if (idsOfLtreePath(parent.path).includes(org.id)) throw badInput(`${org.name} cannot move under itself or one of its own organisations`);
      if (parent.id === org.parentId) throw badInput(`${org.name} already sits under ${parent.name}`);
      const current = await em.query(`SELECT valid_from::text FROM organization_history WHERE organization_id = $1 AND valid_to IS NULL`, [org.id]);
      if (current[0]?.valid_from && on <= current[0].valid_from) throw badInput(`on (${on}) must be after ${current[0].valid_from}, when it last moved`);
      let area = org.areaId;
      if (areaId) {
        const a = await em.findOneBy(Area, { id: areaId });
        if (!a) throw notFound('Area', areaId);
        if (a.validTo && a.validTo <= on) throw badInput(`Area ${a.name} (${a.code}) ceased on ${a.validTo}`);
        area = a.id;
      }
      await em.query(`UPDATE organization_history SET valid_to = $2 WHERE organization_id = $1 AND valid_to IS NULL`, [org.id, on]);
      await em.query(`INSERT INTO organization_history (organization_id, parent_id, area_id, valid_from, reason) VALUES ($1, $2, $3, $4, $5)`, [
        org.id,
        parent.id,
        area,
        on,
        reason.trim(),
      ]);
      const next = `${parent.path}.${ltreeLabel(org.id)}`;
      await em.query(
        `UPDATE organizations SET path = CASE WHEN path = $1::ltree THEN $2::ltree ELSE $2::ltree || subpath(path, nlevel($1::ltree)) END WHERE path <@ $1::ltree`,
        [org.path, next],
      );
      await em.update(Organization, { id: org.id }, { parentId: parent.id, areaId: area });
      await this.outbox.append(em, caller, {
        type: EventType.ORGANIZATION_MOVED,
        subjectId: org.id,
        areaId: area,
        payload: { on, from: org.parentId, to: parent.id },
      });
      return { ...org, parentId: parent.id, areaId: area, path: next };
    });
  }

  async history(orgIds: readonly string[]): Promise<OrganizationPlacementRow[]> {
    return this.ds.query(
      `SELECT organization_id, parent_id, area_id, valid_from::text, valid_to::text, reason FROM organization_history
       WHERE organization_id = ANY($1::text[]) ORDER BY organization_id, valid_from NULLS FIRST, id`,
      [[...orgIds]],
    );
  }
}

export interface OrganizationPlacementRow {
  organization_id: string;
  parent_id: string | null;
  area_id: string;
  valid_from: string | null;
  valid_to: string | null;
  reason: string | null;
}
