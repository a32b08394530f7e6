import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CharterOrderStatus } from '@khg/domain';
import type { MembershipContext } from '../../context';
import { Organization } from '../organizations/organization.entity';
import { CharterOrder } from './charter-order.entity';
import type { CharterOrderService } from './charter-order.service';

@Resolver(() => CharterOrder)
export class CharterOrderResolver {
  constructor(private readonly orders: CharterOrderService) {}

  @Query(() => [CharterOrder], { description: 'Charter booklet orders, newest first (of one organisation, or all).' })
  charterOrders(@Arg('organizationId', () => ID, { nullable: true }) organizationId?: string): Promise<CharterOrder[]> {
    return this.orders.list(organizationId ?? null);
  }

  @FieldResolver(() => Organization)
  async organization(@Root() o: CharterOrder, @Ctx() ctx: MembershipContext): Promise<Organization> {
    return (await ctx.loaders.organization.load(o.organizationId))!;
  }

  @Mutation(() => CharterOrder)
  placeCharterOrder(
    @Ctx() ctx: MembershipContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('quantity', () => Int) quantity: number,
  ): Promise<CharterOrder> {
    return this.orders.place(ctx.caller, organizationId, quantity);
  }

  @Mutation(() => CharterOrder, { description: 'ORDERED → DELIVERED or CANCELLED.' })
  setCharterOrderStatus(
    @Ctx() ctx: MembershipContext,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => CharterOrderStatus) status: CharterOrderStatus,
  ): Promise<CharterOrder> {
    return this.orders.setStatus(ctx.caller, id, status);
  }
}
