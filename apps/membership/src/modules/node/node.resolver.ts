import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { typeOfId } from '@khg/domain';
import { Node } from '@khg/platform';
import type { MembershipContext } from '../../context';
import { FOREIGN_NODE_TYPES } from '../shared/stubs';

const FOREIGN = new Set<string>(FOREIGN_NODE_TYPES);

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Anything with a global id: the id’s prefix tells its type; other subgraphs fill in their own types’ fields.',
  })
  async node(@Ctx() ctx: MembershipContext, @Arg('id', () => ID) id: string): Promise<object | null> {
    const type = typeOfId(id);
    if (type === 'Area') return ctx.loaders.area.load(id);
    if (type === 'Organization') return ctx.loaders.organization.load(id);
    if (type === 'Member') return ctx.loaders.member.load(id);
    // The owner answers for its types; an unknown id there resolves to null fields, not an error.
    if (type && FOREIGN.has(type)) return { __typename: type, id };
    return null;
  }
}
