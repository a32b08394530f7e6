import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { FundraisingContext } from '../../context';
import { Donation } from '../donations/donation.entity';
import { PersonalData } from '../shared/stubs';
import type { DonorPrivacyService } from './privacy.service';

@Resolver(() => PersonalData)
export class PersonalDataDonationsResolver {
  constructor(private readonly service: DonorPrivacyService) {}

  @FieldResolver(() => [Donation], { description: 'Donations made as this member, in the order they were recorded.' })
  donations(@Root() p: PersonalData, @Ctx() ctx: FundraisingContext): Promise<Donation[]> {
    this.service.requireAccess(ctx.caller, p.memberId);
    return ctx.loaders.donationsByDonorMember.load(p.memberId);
  }

  /**
   * Membership's erasePersonalData calls this directly (signed as the admin who asked); it is not
   * part of the public API (@inaccessible), so the only way to erase is the whole erasure.
   */
  @Mutation(() => Int, { description: 'Erases the donor names recorded against a member; the number of donations whose name is erased (ADMIN).' })
  @Directive('@inaccessible')
  async eraseDonorPersonalData(
    @Ctx() ctx: FundraisingContext,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('reason', () => String) reason: string,
  ): Promise<number> {
    await this.service.eraseDonorNames(ctx.caller, memberId, reason);
    return this.service.erasedCount(memberId);
  }
}
