import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound, requireId } from '@khg/platform';
import type { MembershipContext } from '../../context';
import { Member } from '../members/member.entity';
import type { PrivacyService } from './privacy.service';
import { PersonalData, PersonalDataRead } from './privacy.types';

@Resolver(() => PersonalData)
export class PersonalDataResolver {
  constructor(private readonly service: PrivacyService) {}

  @Query(() => PersonalData, { description: 'Everything held about one member, across the subgraphs (Law 91/2025/QH15): ADMIN, or the member themself.' })
  async personalData(@Ctx() ctx: MembershipContext, @Arg('memberId', () => ID) memberId: string): Promise<PersonalData> {
    requireId('Member', memberId, 'memberId');
    this.service.requireAccess(ctx.caller, memberId);
    if (!(await ctx.loaders.member.load(memberId))) throw notFound('Member', memberId);
    return { memberId };
  }

  @FieldResolver(() => Member)
  async member(@Root() p: PersonalData, @Ctx() ctx: MembershipContext): Promise<Member> {
    this.service.requireAccess(ctx.caller, p.memberId);
    const m = await ctx.loaders.member.load(p.memberId);
    if (!m) throw notFound('Member', p.memberId);
    return m;
  }

  @FieldResolver(() => [PersonalDataRead])
  reads(@Root() p: PersonalData, @Ctx() ctx: MembershipContext): Promise<PersonalDataRead[]> {
    this.service.requireAccess(ctx.caller, p.memberId);
    return ctx.loaders.personalDataReads.load(p.memberId);
  }

  @Mutation(() => Member, {
    description:
      'Erases a member’s name, phone number and birth year in every subgraph that holds them (donor names recorded against the member too); counts and amounts stay. ADMIN; cannot be undone.',
  })
  erasePersonalData(@Ctx() ctx: MembershipContext, @Arg('memberId', () => ID) memberId: string, @Arg('reason', () => String) reason: string): Promise<Member> {
    return this.service.erase(ctx.caller, memberId, reason);
  }
}
