import { In, type DataSource, type EntityManager } from 'typeorm';
import { EventType, OrganizationKind } from '@khg/domain';
import { badInput, idsOfLtreePath, ltreeLabel, newId, notFound, requireAdmin, requireId, requireWriterWithin, type Caller, type Outbox } from '@khg/platform';
import { Area } from '../areas/area.entity';
import { Organization } from './organization.entity';
import type { CreateOrganizationInput } from './organization.input';

export class OrganizationService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** The organisation and its ancestors' ids: what subtree checks compare with. */
  ancestry(org: Organization): string[] {
    return idsOfLtreePath(org.path);
  }

  async byIds(ids: readonly string[]): Promise<Organization[]> {
    return this.ds.getRepository(Organization).findBy({ id: In([...ids]) });
  }

  async childrenOf(parentIds: readonly string[]): Promise<Organization[]> {
    return this.ds.getRepository(Organization).find({ where: { parentId: In([...parentIds]) }, order: { name: 'ASC' } });
  }

  async list(filter: { kind?: OrganizationKind | null; areaId?: string | null; parentId?: string | null }): Promise<Organization[]> {
    const qb = this.ds.getRepository(Organization).createQueryBuilder('o');
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.areaId) qb.andWhere('o.area_id = :areaId', { areaId: filter.areaId });
    if (filter.parentId) qb.andWhere('o.parent_id = :parentId', { parentId: filter.parentId });
    return qb.orderBy('o.path').limit(5000).getMany();
  }

  /** Loads an organisation the caller may write in, inside the transaction. */
  async writable(em: EntityManager, caller: Caller, id: string, argument: string, action: string): Promise<Organization> {
    requireId('Organization', id, argument);
    const org = await em.findOneBy(Organization, { id });
    if (!org) throw notFound('Organization', id);
    requireWriterWithin(caller, this.ancestry(org), action);
    return org;
  }

  async create(caller: Caller, input: CreateOrganizationInput): Promise<Organization> {
    requireId('Area', input.areaId, 'areaId');
    return this.ds.transaction(async (em) => {
      let parent: Organization | null = null;
      if (input.parentId) {
        parent = await this.writable(em, caller, input.parentId, 'parentId', 'Creating an organisation');
        if (parent.closedOn) throw badInput(`${parent.name} was dissolved on ${parent.closedOn}; choose an active parent`);
      } else {
        requireAdmin(caller, 'Creating a root organisation (no parentId)');
      }
      const area = await em.findOneBy(Area, { id: input.areaId });
      if (!area) throw notFound('Area', input.areaId);
      if (area.validTo) throw badInput(`Area ${area.name} (${area.code}) ceased on ${area.validTo}; choose a current area`);
      const id = newId('Organization');
      const org = em.create(Organization, {
        id,
        name: input.name.trim(),
        kind: input.kind,
        host: input.host,
        areaId: area.id,
        parentId: parent?.id ?? null,
        path: parent ? `${parent.path}.${ltreeLabel(id)}` : ltreeLabel(id),
        foundedOn: input.foundedOn ?? null,
        closedOn: null,
      });
      await em.insert(Organization, org);
      await em.query(`INSERT INTO organization_history (organization_id, parent_id, area_id, valid_from) VALUES ($1, $2, $3, $4)`, [
        id,
        org.parentId,
        org.areaId,
        org.foundedOn,
      ]);
      await this.outbox.append(em, caller, {
        type: EventType.ORGANIZATION_CREATED,
        subjectId: id,
        areaId: area.id,
        payload: { kind: org.kind, parentId: org.parentId },
      });
      return org;
    });
  }
}
