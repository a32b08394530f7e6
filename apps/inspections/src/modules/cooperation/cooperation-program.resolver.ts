import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { DateScalar, type Connection } from '@khg/platform';
import type { InspectionsContext } from '../../context';
import { CooperationProgram } from './cooperation-program.entity';
import { CooperationProgramConnection } from './cooperation-program.types';
import { SignCooperationProgramInput } from './cooperation-program.input';
import type { CooperationProgramService } from './cooperation-program.service';

@Resolver(() => CooperationProgram)
export class CooperationProgramResolver {
  constructor(private readonly programs: CooperationProgramService) {}

  @Query(() => [CooperationProgram], { description: 'Cooperation programmes, oldest signed first; optionally with one partner, or in force on a day.' })
  cooperationPrograms(
    @Arg('partner', () => String, { nullable: true }) partner?: string,
    @Arg('activeOn', () => DateScalar, { nullable: true }) activeOn?: string,
  ): Promise<CooperationProgram[]> {
    return this.programs.list({ partner, activeOn });
  }

  @Query(() => CooperationProgramConnection, {
    description: 'The same list as `cooperationPrograms`, a page at a time (cursor connection, like `members`): for lists longer than the 2,000 it returns.',
  })
  cooperationProgramsPage(
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('partner', () => String, { nullable: true }) partner?: string,
    @Arg('activeOn', () => DateScalar, { nullable: true }) activeOn?: string,
  ): Promise<Connection<CooperationProgram>> {
    return this.programs.page({ first, after, partner, activeOn });
  }

  @Mutation(() => CooperationProgram, { description: 'Records a signed cooperation programme with a department (ADMIN).' })
  signCooperationProgram(
    @Ctx() ctx: InspectionsContext,
    @Arg('input', () => SignCooperationProgramInput) input: SignCooperationProgramInput,
  ): Promise<CooperationProgram> {
    return this.programs.sign(ctx.caller, input);
  }
}
