import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireId } from '@khg/platform';
import type { FundraisingContext } from '../../context';
import { Campaign } from '../campaigns/campaign.entity';
import { Organization, organizationRef } from '../shared/stubs';
import { Fund } from './fund.entity';
import type { FundService } from './fund.service';

@Resolver(() => Fund)
export class FundResolver {
  constructor(private readonly service: FundService) {}

  @Query(() => Fund, { nullable: true })
  fund(@Ctx() ctx: FundraisingContext, @Arg('id', () => ID) id: string): Promise<Fund | null> {
    return ctx.loaders.fund.load(requireId('Fund', id, 'id'));
  }

  @Query(() => [Fund], { description: 'Funds by name; `organizationId`: that organisation’s fund; `areaId`: funds of organisations in that area and below.' })
  funds(
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string,
    @Arg('areaId', () => ID, { nullable: true }) areaId?: string,
  ): Promise<Fund[]> {
    return this.service.list({ organizationId, areaId });
  }

  @FieldResolver(() => Organization, { description: 'The organisation that keeps the fund.' })
  organization(@Root() fund: Fund): Organization {
    return organizationRef(fund.organizationId);
  }

  @FieldResolver(() => [Campaign], { description: 'Its campaigns, newest year first.' })
  campaigns(@Root() fund: Fund, @Ctx() ctx: FundraisingContext): Promise<Campaign[]> {
    return ctx.loaders.campaignsOfFund.load(fund.id);
  }

  @Mutation(() => Fund, { description: 'Opens the Study Promotion Fund of an organisation (one per organisation); ADMIN, or an OFFICER within its subtree.' })
  openFund(@Ctx() ctx: FundraisingContext, @Arg('organizationId', () => ID) organizationId: string, @Arg('name', () => String) name: string): Promise<Fund> {
    return this.service.open(ctx.caller, organizationId, name);
  }
}

@Resolver(() => Organization)
export class OrganizationFundResolver {
  @FieldResolver(() => Fund, { nullable: true, description: 'The Study Promotion Fund the organisation keeps, if any.' })
  fund(@Root() org: Organization, @Ctx() ctx: FundraisingContext): Promise<Fund | null> {
    return ctx.loaders.fundOfOrganization.load(org.id);
  }
}
