import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { DocumentKind } from '@khg/domain';
import { badInput, requireId, type Connection } from '@khg/platform';
import type { InspectionsContext } from '../../context';
import { PolicyDocument } from './policy-document.entity';
import { PolicyDocumentConnection } from './policy-document.types';
import { RegisterPolicyDocumentInput } from './policy-document.input';
import type { PolicyDocumentService } from './policy-document.service';

@Resolver(() => PolicyDocument)
export class PolicyDocumentResolver {
  constructor(private readonly docs: PolicyDocumentService) {}

  @Query(() => [PolicyDocument], { description: 'Policy documents (văn bản), oldest first, optionally of one kind.' })
  policyDocuments(@Arg('kind', () => DocumentKind, { nullable: true }) kind?: DocumentKind): Promise<PolicyDocument[]> {
    return this.docs.list(kind ?? null);
  }

  @Query(() => PolicyDocumentConnection, {
    description: 'The same list as `policyDocuments`, a page at a time (cursor connection, like `members`): for lists longer than the 2,000 it returns.',
  })
  policyDocumentsPage(
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('kind', () => DocumentKind, { nullable: true }) kind?: DocumentKind,
  ): Promise<Connection<PolicyDocument>> {
    return this.docs.page({ first, after, kind });
  }

  @Query(() => PolicyDocument, { nullable: true, description: 'One policy document by id or by code (case does not matter).' })
  policyDocument(
    @Ctx() ctx: InspectionsContext,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
  ): Promise<PolicyDocument | null> {
    if (id) return ctx.loaders.policyDocument.load(requireId('PolicyDocument', id, 'id'));
    if (code) return this.docs.byCode(code);
    throw badInput('Give id or code');
  }

  @Mutation(() => PolicyDocument, {
    description: 'Registers a directive, decision, plan or circular (ADMIN). A code already registered is a CONFLICT naming that document.',
  })
  registerPolicyDocument(
    @Ctx() ctx: InspectionsContext,
    @Arg('input', () => RegisterPolicyDocumentInput) input: RegisterPolicyDocumentInput,
  ): Promise<PolicyDocument> {
    return this.docs.register(ctx.caller, input);
  }
}
