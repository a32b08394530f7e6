import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Connection } from '@khg/platform';
import type { InspectionsContext } from '../../context';
import { Organization, organizationRef } from '../shared/stubs';
import { PolicyDocument } from '../policy-documents/policy-document.entity';
import { OutreachActivity } from './outreach-activity.entity';
import { OutreachActivityConnection } from './outreach-activity.types';
import { RecordOutreachActivityInput } from './outreach-activity.input';
import type { OutreachActivityService } from './outreach-activity.service';

@Resolver(() => OutreachActivity)
export class OutreachActivityResolver {
  constructor(private readonly activities: OutreachActivityService) {}

  @Query(() => [OutreachActivity], { description: 'Outreach activities, latest first: by the year held, organisation and/or document spread.' })
  outreachActivities(
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string,
    @Arg('documentId', () => ID, { nullable: true }) documentId?: string,
  ): Promise<OutreachActivity[]> {
    return this.activities.list({ year, organizationId, documentId });
  }

  @Query(() => OutreachActivityConnection, {
    description: 'The same list as `outreachActivities`, a page at a time (cursor connection, like `members`): for lists longer than the 2,000 it returns.',
  })
  outreachActivitiesPage(
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId?: string,
    @Arg('documentId', () => ID, { nullable: true }) documentId?: string,
  ): Promise<Connection<OutreachActivity>> {
    return this.activities.page({ first, after, year, organizationId, documentId });
  }

  @FieldResolver(() => Organization)
  organization(@Root() a: OutreachActivity): Organization {
    return organizationRef(a.organizationId);
  }

  @FieldResolver(() => [PolicyDocument])
  async documents(@Root() a: OutreachActivity, @Ctx() ctx: InspectionsContext): Promise<PolicyDocument[]> {
    const links = await ctx.loaders.outreachDocumentLinks.load(a.id);
    const docs = await ctx.loaders.policyDocument.loadMany(links.map((l) => l.documentId));
    return docs.filter((d): d is PolicyDocument => d != null && !(d instanceof Error));
  }

  @Mutation(() => OutreachActivity, { description: 'Records an activity spreading policy documents: ADMIN, or an OFFICER within the organisation’s subtree.' })
  recordOutreachActivity(
    @Ctx() ctx: InspectionsContext,
    @Arg('input', () => RecordOutreachActivityInput) input: RecordOutreachActivityInput,
  ): Promise<OutreachActivity> {
    return this.activities.record(ctx.caller, input, ctx.loaders.organizationInfo);
  }
}
