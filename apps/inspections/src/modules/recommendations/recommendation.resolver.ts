import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RecommendationStatus } from '@khg/domain';
import type { Connection } from '@khg/platform';
import type { InspectionsContext } from '../../context';
import { Inspection } from '../inspections/inspection.entity';
import { Organization, organizationRef } from '../shared/stubs';
import { Recommendation } from './recommendation.entity';
import { RecommendationConnection } from './recommendation.types';
import type { RecommendationService } from './recommendation.service';

@Resolver(() => Recommendation)
export class RecommendationResolver {
  constructor(private readonly recs: RecommendationService) {}

  @Query(() => [Recommendation], { description: 'Recommendations, newest first, by responsible organisation, status and/or inspection.' })
  recommendations(
    @Arg('responsibleId', () => ID, { nullable: true }) responsibleId?: string,
    @Arg('status', () => RecommendationStatus, { nullable: true }) status?: RecommendationStatus,
    @Arg('inspectionId', () => ID, { nullable: true }) inspectionId?: string,
  ): Promise<Recommendation[]> {
    return this.recs.list({ responsibleId, status, inspectionId });
  }

  @Query(() => RecommendationConnection, {
    description: 'The same list as `recommendations`, a page at a time (cursor connection, like `members`): for lists longer than the 2,000 it returns.',
  })
  recommendationsPage(
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('responsibleId', () => ID, { nullable: true }) responsibleId?: string,
    @Arg('status', () => RecommendationStatus, { nullable: true }) status?: RecommendationStatus,
    @Arg('inspectionId', () => ID, { nullable: true }) inspectionId?: string,
  ): Promise<Connection<Recommendation>> {
    return this.recs.page({ first, after, responsibleId, status, inspectionId });
  }

  @FieldResolver(() => Organization, { description: 'The organisation that has to act on it.' })
  responsible(@Root() r: Recommendation): Organization {
    return organizationRef(r.responsibleId);
  }

  @FieldResolver(() => Inspection)
  async inspection(@Root() r: Recommendation, @Ctx() ctx: InspectionsContext): Promise<Inspection> {
    return (await ctx.loaders.inspection.load(r.inspectionId))!;
  }

  @Mutation(() => Recommendation, {
    description: 'Marks a recommendation DONE (once): ADMIN, or an OFFICER within the lead’s or the responsible organisation’s subtree.',
  })
  resolveRecommendation(@Ctx() ctx: InspectionsContext, @Arg('id', () => ID) id: string): Promise<Recommendation> {
    return this.recs.resolve(ctx.caller, id);
  }
}

@Resolver(() => Organization)
export class OrganizationInspectionsResolver {
  @FieldResolver(() => Int, { description: 'Recommendations (kiến nghị) still OPEN that this organisation is responsible for.' })
  openRecommendations(@Root() org: Organization, @Ctx() ctx: InspectionsContext): Promise<number> {
    return ctx.loaders.openRecommendations.load(org.id);
  }
}
