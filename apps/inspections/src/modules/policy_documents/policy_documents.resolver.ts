import { Query, Resolver } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { PolicyDocument } from './policy_documents.entity';

@Resolver(() => PolicyDocument)
export class PolicyDocumentResolver {
  constructor(private readonly ds: DataSource) {}

  @Query(() => [PolicyDocument])
  policyDocuments(): Promise<PolicyDocument[]> {
    return this.ds.getRepository(PolicyDocument).find({ order: { name: 'ASC' }, take: 500 });
  }
}
