import type { DataSource } from 'typeorm';
import { CharterOrderStatus, EventType, todayInVietnam } from '@khg/domain';
import { badInput, conflict, newId, notFound, requireId, requireWriterWithin, type Caller, type Outbox } from '@khg/platform';
import { Organization } from '../organizations/organization.entity';
import type { OrganizationService } from '../organizations/organization.service';
import { CharterOrder } from './charter-order.entity';

const MAX_QUANTITY = 100_000;

export class CharterOrderService {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: Outbox,
    private readonly orgs: OrganizationService,
  ) {}

  async list(organizationId: string | null): Promise<CharterOrder[]> {
    if (organizationId) requireId('Organization', organizationId, 'organizationId');
    return this.ds.getRepository(CharterOrder).find({
      where: organizationId ? { organizationId } : {},
      order: { orderedOn: 'DESC', id: 'DESC' },
      take: 1000,
    });
  }

  async place(caller: Caller, organizationId: string, quantity: number): Promise<CharterOrder> {
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) throw badInput(`quantity must be between 1 and ${MAX_QUANTITY}`);
    return this.ds.transaction(async (em) => {
      const org = await this.orgs.writable(em, caller, organizationId, 'organizationId', 'Ordering Charter booklets');
      const order = em.create(CharterOrder, {
        id: newId('CharterOrder'),
        organizationId: org.id,
        quantity,
        orderedOn: todayInVietnam(),
        status: CharterOrderStatus.ORDERED,
      });
      await em.insert(CharterOrder, order);
      await this.outbox.append(em, caller, {
        type: EventType.CHARTER_ORDER_CHANGED,
        subjectId: order.id,
        areaId: org.areaId,
        payload: { status: order.status, quantity },
      });
      return order;
    });
  }

  /** ORDERED → DELIVERED | CANCELLED; anything else is a CONFLICT naming the current status. */
  async setStatus(caller: Caller, id: string, status: CharterOrderStatus): Promise<CharterOrder> {
    requireId('CharterOrder', id, 'id');
    if (status === CharterOrderStatus.ORDERED) throw badInput('An order can only move to DELIVERED or CANCELLED');
    return this.ds.transaction(async (em) => {
      const order = await em.findOne(CharterOrder, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw notFound('CharterOrder', id);
      const org = await em.findOneByOrFail(Organization, { id: order.organizationId });
      requireWriterWithin(caller, this.orgs.ancestry(org), 'Changing a Charter order');
      if (order.status !== CharterOrderStatus.ORDERED) throw conflict(`The order is already ${order.status}`, { currentStatus: order.status });
      order.status = status;
      await em.update(CharterOrder, { id }, { status });
      await this.outbox.append(em, caller, { type: EventType.CHARTER_ORDER_CHANGED, subjectId: id, areaId: org.areaId, payload: { status } });
      return order;
    });
  }
}
