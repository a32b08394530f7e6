import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAdmin, type RequestContext } from '@khg/platform';
import { Notice, Organization } from './notice.entity';
import type { NoticeService } from './notice.service';
import type { NoticeLoaders } from './notice.loaders';

type NoticeContext = RequestContext<NoticeLoaders>;

@Resolver(() => Notice)
export class NoticeResolver {
  constructor(private readonly service: NoticeService) {}

  @Query(() => [Notice])
  notices(): Promise<Notice[]> {
    return this.service.all();
  }

  @Mutation(() => Notice)
  postNotice(@Ctx() ctx: NoticeContext, @Arg('organizationId', () => ID) organizationId: string, @Arg('title') title: string): Promise<Notice> {
    requireAdmin(ctx.caller, 'post a notice');
    return this.service.post(organizationId, title);
  }
}

@Resolver(() => Organization)
export class OrganizationNoticesResolver {
  @FieldResolver(() => [Notice])
  notices(@Root() org: Organization, @Ctx() ctx: NoticeContext): Promise<Notice[]> {
    return ctx.loaders.noticesByOrganization.load(org.id);
  }
}
