import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { encodeCursor, maySeePersonalData, requireId, type DirectoryLoaders, type MembershipDirectory } from '@khg/platform';
import type { FundraisingContext } from '../../context';
import { Campaign } from '../campaigns/campaign.entity';
import { Fund } from '../funds/fund.entity';
import { Member, memberRef } from '../shared/stubs';
import { Donation, DonorKind } from './donation.entity';
import { RecordDonationInput } from './donation.input';
import type { DonationService } from './donation.service';

/** What a withheld donor name reads as (docs/security.md). */
export const WITHHELD = '[personal data withheld]';

@Resolver(() => Donation)
export class DonationResolver {
  constructor(
    private readonly service: DonationService,
    private readonly directory?: MembershipDirectory,
  ) {}

  private readonly directoryLoaders = new WeakMap<object, DirectoryLoaders>();

  @FieldResolver(() => String, {
    description:
      'Donor (người / đơn vị ủng hộ). A person’s name is personal data: ADMIN, officers of the fund’s subtree and the donor (MEMBER) see it; others read "' +
      WITHHELD +
      '" (the field cannot be null). An ORGANIZATION’s name is shown to every reader.',
  })
  async donorName(@Root() d: Donation, @Ctx() ctx: FundraisingContext): Promise<string> {
    // An organisation's name is not personal data: every reader sees it.
    if (d.donorKind === DonorKind.ORGANIZATION) return d.donorName;
    const { caller } = ctx;
    let orgAncestry: string[] | null = null;
    if (caller.role === 'OFFICER' && this.directory) {
      const fund = await ctx.loaders.fund.load(d.fundId);
      let loaders = this.directoryLoaders.get(ctx);
      if (!loaders) this.directoryLoaders.set(ctx, (loaders = this.directory.loaders()));
      orgAncestry = fund ? ((await loaders.organizationInfo.load(fund.organizationId))?.ancestry ?? null) : null;
    }
    return maySeePersonalData(caller, { memberId: d.donorMemberId, orgAncestry }) ? d.donorName : WITHHELD;
  }

  @Query(() => [Donation], {
    description: 'Donations in the order they were recorded; pass the last one’s `cursor` as `after` for the next page (at most 500 a page).',
  })
  donations(
    @Arg('fundId', () => ID, { nullable: true }) fundId?: string,
    @Arg('campaignId', () => ID, { nullable: true }) campaignId?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Donation[]> {
    return this.service.page({ fundId, campaignId, first, after });
  }

  @Query(() => [Donation], { nullable: 'items', description: 'Donations by id, in the order asked (null where none exists).' })
  donationsByIds(@Ctx() ctx: FundraisingContext, @Arg('ids', () => [ID]) ids: string[]): Promise<(Donation | null)[]> {
    return Promise.all(ids.map((id) => ctx.loaders.donation.load(requireId('Donation', id, 'ids'))));
  }

  @FieldResolver(() => String, { description: 'Where this donation sits in `donations`: pass it as `after`.' })
  cursor(@Root() d: Donation): string {
    return encodeCursor(d.id);
  }

  @FieldResolver(() => Fund)
  async fund(@Root() d: Donation, @Ctx() ctx: FundraisingContext): Promise<Fund> {
    return (await ctx.loaders.fund.load(d.fundId))!;
  }

  @FieldResolver(() => Campaign, { nullable: true })
  campaign(@Root() d: Donation, @Ctx() ctx: FundraisingContext): Promise<Campaign | null> | null {
    return d.campaignId ? ctx.loaders.campaign.load(d.campaignId) : null;
  }

  @FieldResolver(() => Member, { nullable: true, description: 'The donor, when a member of the association.' })
  donorMember(@Root() d: Donation): Member | null {
    return d.donorMemberId ? memberRef(d.donorMemberId) : null;
  }

  @Mutation(() => Donation, {
    description:
      'Records a donation and issues its receipt number. Idempotent on input.idempotencyKey: a retry returns the first donation and records nothing.',
  })
  recordDonation(@Ctx() ctx: FundraisingContext, @Arg('input', () => RecordDonationInput) input: RecordDonationInput): Promise<Donation> {
    return this.service.record(ctx.caller, input);
  }

  @Mutation(() => Donation, {
    description: 'Voids a mistaken donation with a reason: a compensating ledger entry, never a deletion. Voiding twice is a CONFLICT.',
  })
  voidDonation(@Ctx() ctx: FundraisingContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string): Promise<Donation> {
    return this.service.void(ctx.caller, id, reason);
  }
}
