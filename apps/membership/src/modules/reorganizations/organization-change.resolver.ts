import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { DateScalar } from '@khg/platform';
import type { MembershipContext } from '../../context';
import { Area } from '../areas/area.entity';
import { Organization } from '../organizations/organization.entity';
import type { OrganizationChangeService } from './organization-change.service';

@ObjectType({ description: 'Where an organisation sat during a period, and why it moved or closed.' })
export class OrganizationPlacement {
  @Field(() => Organization, { nullable: true })
  parent: Organization | null;

  @Field(() => Area)
  area: Area;

  @Field(() => DateScalar, { nullable: true })
  from: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Exclusive; null while current.' })
  to: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;
}

@Resolver(() => Organization)
export class OrganizationChangeResolver {
  constructor(private readonly changes: OrganizationChangeService) {}

  @Mutation(() => Organization, {
    description:
      'Dissolves an organisation on `on` (it must have no active organisation under it). Its members are transferred to `successorId` with `reason` recorded on their membership; its fund moves with fundraising’s transferFund. ADMIN, or an OFFICER over both.',
  })
  closeOrganization(
    @Ctx() ctx: MembershipContext,
    @Arg('id', () => ID) id: string,
    @Arg('on', () => DateScalar) on: string,
    @Arg('reason', () => String) reason: string,
    @Arg('successorId', () => ID, { nullable: true }) successorId?: string,
  ): Promise<Organization> {
    return this.changes.close(ctx.caller, id, on, successorId ?? null, reason);
  }

  @Mutation(() => Organization, {
    description:
      'Moves an organisation (and everything under it) under another parent from `on`, optionally to another area; the former placement stays in `placements`. ADMIN, or an OFFICER over both.',
  })
  moveOrganization(
    @Ctx() ctx: MembershipContext,
    @Arg('id', () => ID) id: string,
    @Arg('parentId', () => ID) parentId: string,
    @Arg('on', () => DateScalar) on: string,
    @Arg('reason', () => String) reason: string,
    @Arg('areaId', () => ID, { nullable: true }) areaId?: string,
  ): Promise<Organization> {
    return this.changes.move(ctx.caller, id, parentId, on, reason, areaId ?? null);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation that took over when it was dissolved.' })
  successor(@Root() org: Organization, @Ctx() ctx: MembershipContext): Promise<Organization | null> | null {
    return org.successorId ? ctx.loaders.organization.load(org.successorId) : null;
  }

  @FieldResolver(() => [OrganizationPlacement], { description: 'Where it sat over time, oldest first.' })
  async placements(@Root() org: Organization, @Ctx() ctx: MembershipContext): Promise<OrganizationPlacement[]> {
    const rows = await ctx.loaders.organizationHistory.load(org.id);
    return Promise.all(
      rows.map(async (r) => ({
        parent: r.parent_id ? await ctx.loaders.organization.load(r.parent_id) : null,
        area: (await ctx.loaders.area.load(r.area_id))!,
        from: r.valid_from,
        to: r.valid_to,
        reason: r.reason,
      })),
    );
  }
}
