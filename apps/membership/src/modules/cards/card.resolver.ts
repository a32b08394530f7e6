import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CardStatus } from '@khg/domain';
import type { MembershipContext } from '../../context';
import { Member } from '../members/member.entity';
import { MemberCard } from './card.entity';
import type { CardService } from './card.service';

@Resolver(() => Member)
export class MemberCardResolver {
  constructor(private readonly cards: CardService) {}

  @FieldResolver(() => MemberCard, { nullable: true, description: 'The ACTIVE card, or else the latest one (LOST or REVOKED); null if never issued.' })
  card(@Root() m: Member, @Ctx() ctx: MembershipContext): Promise<MemberCard | null> {
    return ctx.loaders.memberCard.load(m.id);
  }

  @Query(() => Member, { nullable: true, description: 'The member a card number was issued to (whatever the card’s status).' })
  memberByCard(@Arg('number') number: string): Promise<Member | null> {
    return this.cards.memberByNumber(number);
  }

  @Mutation(() => Member, { description: 'Issues a new card with the next number; refused while the member holds an ACTIVE one.' })
  issueMemberCard(@Ctx() ctx: MembershipContext, @Arg('memberId', () => ID) memberId: string): Promise<Member> {
    return this.cards.issue(ctx.caller, memberId);
  }

  @Mutation(() => Member, { description: 'Marks the ACTIVE card REVOKED or LOST; its number is never reused.' })
  retireMemberCard(
    @Ctx() ctx: MembershipContext,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('status', () => CardStatus) status: CardStatus,
  ): Promise<Member> {
    return this.cards.retire(ctx.caller, memberId, status);
  }
}
