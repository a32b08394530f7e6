import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { InspectionStatus, Severity } from '@khg/domain';
import { DateScalar, requireId, type Connection } from '@khg/platform';
import type { InspectionsContext } from '../../context';
import { Organization, organizationRef } from '../shared/stubs';
import { PolicyDocument } from '../policy-documents/policy-document.entity';
import { Recommendation } from '../recommendations/recommendation.entity';
import { Finding, Inspection } from './inspection.entity';
import { InspectionConnection } from './inspection.types';
import { PlanInspectionInput } from './inspection.input';
import type { InspectionService } from './inspection.service';

@Resolver(() => Inspection)
export class InspectionResolver {
  constructor(private readonly service: InspectionService) {}

  @Query(() => [Inspection], { description: 'Inspections, latest start first: by status, the year they start in, lead, subject and/or document.' })
  inspections(
    @Arg('status', () => InspectionStatus, { nullable: true }) status?: InspectionStatus,
    @Arg('year', () => Int, { nullable: true, description: 'The year of startsOn.' }) year?: number,
    @Arg('leadId', () => ID, { nullable: true }) leadId?: string,
    @Arg('subjectId', () => ID, { nullable: true, description: 'Inspections that inspect this organisation.' }) subjectId?: string,
    @Arg('documentId', () => ID, { nullable: true, description: 'Inspections of this policy document.' }) documentId?: string,
  ): Promise<Inspection[]> {
    return this.service.list({ status, year, leadId, subjectId, documentId });
  }

  @Query(() => InspectionConnection, {
    description: 'The same list as `inspections`, a page at a time (cursor connection, like `members`): for lists longer than the 2,000 `inspections` returns.',
  })
  inspectionsPage(
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('status', () => InspectionStatus, { nullable: true }) status?: InspectionStatus,
    @Arg('year', () => Int, { nullable: true, description: 'The year of startsOn.' }) year?: number,
    @Arg('leadId', () => ID, { nullable: true }) leadId?: string,
    @Arg('subjectId', () => ID, { nullable: true, description: 'Inspections that inspect this organisation.' }) subjectId?: string,
    @Arg('documentId', () => ID, { nullable: true, description: 'Inspections of this policy document.' }) documentId?: string,
  ): Promise<Connection<Inspection>> {
    return this.service.page({ first, after, status, year, leadId, subjectId, documentId });
  }

  @Query(() => Inspection, { nullable: true })
  inspection(@Ctx() ctx: InspectionsContext, @Arg('id', () => ID) id: string): Promise<Inspection | null> {
    return ctx.loaders.inspection.load(requireId('Inspection', id, 'id'));
  }

  @Query(() => [Inspection], {
    nullable: 'items',
    description: 'Inspections by id, in the order asked (null where none exists): for subscriptions and systems that hold many ids.',
  })
  inspectionsByIds(@Ctx() ctx: InspectionsContext, @Arg('ids', () => [ID]) ids: string[]): Promise<(Inspection | null)[]> {
    return Promise.all(ids.map((id) => ctx.loaders.inspection.load(requireId('Inspection', id, 'ids'))));
  }

  @FieldResolver(() => [PolicyDocument], { description: 'The documents whose carrying out is inspected, in the order given.' })
  async documents(@Root() i: Inspection, @Ctx() ctx: InspectionsContext): Promise<PolicyDocument[]> {
    const links = await ctx.loaders.inspectionDocumentLinks.load(i.id);
    const docs = await ctx.loaders.policyDocument.loadMany(links.map((l) => l.documentId));
    return docs.filter((d): d is PolicyDocument => d != null && !(d instanceof Error));
  }

  @FieldResolver(() => Organization, { description: 'The organisation leading it (đơn vị chủ trì).' })
  lead(@Root() i: Inspection): Organization {
    return organizationRef(i.leadId);
  }

  @FieldResolver(() => [Organization], { description: 'The organisations inspected (đơn vị được kiểm tra).' })
  subjects(@Root() i: Inspection): Organization[] {
    return i.subjectIds.map(organizationRef);
  }

  @FieldResolver(() => [Finding], { description: 'Findings, in the order recorded.' })
  findings(@Root() i: Inspection, @Ctx() ctx: InspectionsContext): Promise<Finding[]> {
    return ctx.loaders.inspectionFindings.load(i.id);
  }

  @FieldResolver(() => [Recommendation], { description: 'Recommendations, in the order made.' })
  recommendations(@Root() i: Inspection, @Ctx() ctx: InspectionsContext): Promise<Recommendation[]> {
    return ctx.loaders.inspectionRecommendations.load(i.id);
  }

  @Mutation(() => Inspection, { description: 'Plans an inspection (PLANNED): ADMIN, or an OFFICER within the lead organisation’s subtree.' })
  planInspection(@Ctx() ctx: InspectionsContext, @Arg('input', () => PlanInspectionInput) input: PlanInspectionInput): Promise<Inspection> {
    return this.service.plan(ctx.caller, input, ctx.loaders.organizationInfo);
  }

  @Mutation(() => Inspection, {
    description: 'PLANNED → IN_PROGRESS. Writes on an inspection are decided by its lead: ADMIN, or an OFFICER within the lead’s subtree.',
  })
  startInspection(@Ctx() ctx: InspectionsContext, @Arg('id', () => ID) id: string): Promise<Inspection> {
    return this.service.start(ctx.caller, id);
  }

  @Mutation(() => Inspection, { description: 'IN_PROGRESS → COMPLETED.' })
  completeInspection(@Ctx() ctx: InspectionsContext, @Arg('id', () => ID) id: string): Promise<Inspection> {
    return this.service.complete(ctx.caller, id);
  }

  @Mutation(() => Inspection, { description: 'PLANNED or IN_PROGRESS → CANCELLED, with the reason.' })
  cancelInspection(@Ctx() ctx: InspectionsContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<Inspection> {
    return this.service.cancel(ctx.caller, id, reason);
  }

  @Mutation(() => Inspection, { description: 'Records a finding; only while IN_PROGRESS.' })
  recordFinding(
    @Ctx() ctx: InspectionsContext,
    @Arg('inspectionId', () => ID) inspectionId: string,
    @Arg('severity', () => Severity) severity: Severity,
    @Arg('summary') summary: string,
  ): Promise<Inspection> {
    return this.service.recordFinding(ctx.caller, requireId('Inspection', inspectionId, 'inspectionId'), severity, summary);
  }

  @Mutation(() => Inspection, { description: 'Records a recommendation (OPEN) for the responsible organisation; only while IN_PROGRESS.' })
  recommend(
    @Ctx() ctx: InspectionsContext,
    @Arg('inspectionId', () => ID) inspectionId: string,
    @Arg('text') text: string,
    @Arg('responsibleId', () => ID) responsibleId: string,
    @Arg('dueOn', () => DateScalar, { nullable: true }) dueOn?: string,
  ): Promise<Inspection> {
    return this.service.recommend(ctx.caller, inspectionId, text, responsibleId, dueOn ?? null, ctx.loaders.organizationInfo);
  }
}
