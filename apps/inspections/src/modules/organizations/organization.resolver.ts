import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { InspectionsContext } from '../../context';
import { Organization } from './organization.entity';

@Resolver(() => Organization)
export class OrganizationInspectionsResolver {
  @FieldResolver(() => Int, { description: 'Recommendations (kiến nghị) still OPEN that this organisation is responsible for.' })
  openRecommendations(@Root() org: Organization, @Ctx() ctx: InspectionsContext): Promise<number> {
    return ctx.loaders.openRecommendations.load(org.id);
  }
}
