import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MemberStatus } from '@khg/domain';
import { DateScalar, idsOfLtreePath, maySeePersonalData, personalDataWithheld, requireId } from '@khg/platform';
import type { MembershipContext } from '../../context';
import { Organization } from '../organizations/organization.entity';
import { Member, MemberConnection, MembershipPeriod } from './member.entity';
import { AdmitMemberInput, MemberOrder } from './member.input';
import type { MemberService } from './member.service';

@Resolver(() => Member)
export class MemberResolver {
  constructor(private readonly service: MemberService) {}

  @Query(() => Member, { nullable: true })
  member(@Ctx() ctx: MembershipContext, @Arg('id', () => ID) id: string): Promise<Member | null> {
    return ctx.loaders.member.load(requireId('Member', id, 'id'));
  }

  @Query(() => [Member], { nullable: 'items', description: 'Members by id, in the order asked (null where none exists).' })
  membersByIds(@Ctx() ctx: MembershipContext, @Arg('ids', () => [ID]) ids: string[]): Promise<(Member | null)[]> {
    return Promise.all(ids.map((id) => ctx.loaders.member.load(requireId('Member', id, 'ids'))));
  }

  @Query(() => MemberConnection, {
    description: 'Members, newest last (or best match first: `orderBy`). `search` ignores Vietnamese diacritics and case: "nguyen van a" finds "Nguyễn Văn A".',
  })
  members(
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string,
    @Arg('status', () => MemberStatus, { nullable: true }) status?: MemberStatus,
    @Arg('search', () => String, { nullable: true }) search?: string,
    @Arg('includeDescendants', () => Boolean, { defaultValue: false, description: 'With organizationId: include the organisations below it.' })
    includeDescendants?: boolean,
    @Arg('orderBy', () => MemberOrder, {
      defaultValue: MemberOrder.NEWEST_LAST,
      description: 'NEWEST_LAST (the default) or, for a search box, BEST_MATCH. A cursor is good only for the order it came from.',
    })
    orderBy?: MemberOrder,
  ): Promise<MemberConnection> {
    return this.service.page({ first, after, organizationId, status, search, includeDescendants, order: orderBy });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Personal data: ADMIN, officers of the member’s subtree and the member see it; others get null and a PERSONAL_DATA error.',
  })
  async phone(@Root() m: Member, @Ctx() ctx: MembershipContext): Promise<string | null> {
    await this.requirePersonalAccess(m, ctx, 'phone');
    return m.phone;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Personal data: ADMIN, officers of the member’s subtree and the member see it; others get null and a PERSONAL_DATA error.',
  })
  async birthYear(@Root() m: Member, @Ctx() ctx: MembershipContext): Promise<number | null> {
    await this.requirePersonalAccess(m, ctx, 'birthYear');
    return m.birthYear;
  }

  private async requirePersonalAccess(m: Member, ctx: MembershipContext, field: string): Promise<void> {
    const { caller } = ctx;
    let orgAncestry: string[] | null = null;
    if (caller.role === 'OFFICER') {
      const org = await ctx.loaders.organization.load(m.organizationId);
      orgAncestry = org ? idsOfLtreePath(org.path) : null;
    }
    if (!maySeePersonalData(caller, { memberId: m.id, orgAncestry })) throw personalDataWithheld(`Member.${field}`, caller);
    // Who read whose phone number or birth year is recorded before the value is handed out
    // (batched: one insert per request however many members a page holds).
    await ctx.loaders.personalDataReadLog.load({ memberId: m.id, field, readerId: caller.sub, role: caller.role });
  }

  @FieldResolver(() => Organization, { description: 'The organisation the member belongs to now.' })
  async organization(@Root() m: Member, @Ctx() ctx: MembershipContext): Promise<Organization> {
    return (await ctx.loaders.organization.load(m.organizationId))!;
  }

  @FieldResolver(() => [MembershipPeriod], { description: 'Every organisation the member belonged to, oldest first.' })
  memberships(@Root() m: Member, @Ctx() ctx: MembershipContext): Promise<MembershipPeriod[]> {
    return ctx.loaders.memberPeriods.load(m.id);
  }

  @Mutation(() => Member, { description: 'Admits a member (kết nạp); ADMIN, or an OFFICER within its subtree.' })
  admitMember(@Ctx() ctx: MembershipContext, @Arg('input', () => AdmitMemberInput) input: AdmitMemberInput): Promise<Member> {
    return this.service.admit(ctx.caller, input);
  }

  @Mutation(() => Member, { description: 'Changes a member’s status from today; the history is kept. DECEASED is final.' })
  changeMemberStatus(
    @Ctx() ctx: MembershipContext,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('status', () => MemberStatus) status: MemberStatus,
  ): Promise<Member> {
    return this.service.changeStatus(ctx.caller, memberId, status);
  }

  @Mutation(() => Member, { description: 'Moves a member to another organisation from the day `on`; the earlier membership stays in `memberships`.' })
  transferMember(
    @Ctx() ctx: MembershipContext,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('on', () => DateScalar) on: string,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ): Promise<Member> {
    return this.service.transfer(ctx.caller, memberId, organizationId, on, reason ?? null);
  }
}

@Resolver(() => MembershipPeriod)
export class MembershipPeriodResolver {
  @FieldResolver(() => Organization)
  async organization(@Root() p: MembershipPeriod, @Ctx() ctx: MembershipContext): Promise<Organization> {
    return (await ctx.loaders.organization.load(p.organizationId))!;
  }
}

@Resolver(() => Organization)
export class OrganizationMembersResolver {
  @FieldResolver(() => MemberConnection, { description: 'Its members (with includeDescendants, also those of the organisations below it).' })
  async members(
    @Root() org: Organization,
    @Ctx() ctx: MembershipContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('status', () => MemberStatus, { nullable: true }) status?: MemberStatus,
    @Arg('search', () => String, { nullable: true }) search?: string,
    @Arg('includeDescendants', () => Boolean, { defaultValue: false }) includeDescendants?: boolean,
  ): Promise<MemberConnection> {
    // Batched over the organisations of a list: a constant number of statements, not two per organisation.
    const found = await ctx.loaders.organizationMembers.load({ organizationId: org.id, first, after, status, search, includeDescendants });
    return found!.connection;
  }
}
