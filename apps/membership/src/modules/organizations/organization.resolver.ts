import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { OrganizationKind } from '@khg/domain';
import { requireId } from '@khg/platform';
import type { MembershipContext } from '../../context';
import { Area } from '../areas/area.entity';
import { Organization } from './organization.entity';
import { CreateOrganizationInput } from './organization.input';
import type { OrganizationService } from './organization.service';

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(private readonly orgs: OrganizationService) {}

  @Query(() => Organization, { nullable: true })
  organization(@Ctx() ctx: MembershipContext, @Arg('id', () => ID) id: string): Promise<Organization | null> {
    return ctx.loaders.organization.load(requireId('Organization', id, 'id'));
  }

  @Query(() => [Organization], {
    nullable: 'items',
    description: 'Organisations by id, in the order asked (null where none exists): for clients and systems that hold many ids.',
  })
  organizationsByIds(@Ctx() ctx: MembershipContext, @Arg('ids', () => [ID]) ids: string[]): Promise<(Organization | null)[]> {
    return Promise.all(ids.map((id) => ctx.loaders.organization.load(requireId('Organization', id, 'ids'))));
  }

  @Query(() => [Organization], { description: 'Organisations by kind, area and/or parent, in tree order.' })
  organizations(
    @Arg('kind', () => OrganizationKind, { nullable: true }) kind?: OrganizationKind,
    @Arg('areaId', () => ID, { nullable: true }) areaId?: string,
    @Arg('parentId', () => ID, { nullable: true }) parentId?: string,
  ): Promise<Organization[]> {
    return this.orgs.list({ kind, areaId, parentId });
  }

  @FieldResolver(() => Area)
  async area(@Root() org: Organization, @Ctx() ctx: MembershipContext): Promise<Area> {
    return (await ctx.loaders.area.load(org.areaId))!;
  }

  @FieldResolver(() => Organization, { nullable: true })
  parent(@Root() org: Organization, @Ctx() ctx: MembershipContext): Promise<Organization | null> | null {
    return org.parentId ? ctx.loaders.organization.load(org.parentId) : null;
  }

  @FieldResolver(() => [Organization])
  children(@Root() org: Organization, @Ctx() ctx: MembershipContext): Promise<Organization[]> {
    return ctx.loaders.organizationChildren.load(org.id);
  }

  @FieldResolver(() => [ID], { description: 'Ids of the organisations above it, the root first.' })
  ancestorIds(@Root() org: Organization): string[] {
    return this.orgs.ancestry(org).slice(0, -1);
  }

  @Mutation(() => Organization, {
    description: 'A new association, branch or board under `parentId` (OFFICER: inside its subtree; ADMIN: anywhere, or a root).',
  })
  createOrganization(@Ctx() ctx: MembershipContext, @Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput): Promise<Organization> {
    return this.orgs.create(ctx.caller, input);
  }
}
