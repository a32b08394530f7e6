import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { DateScalar } from '@khg/platform';
import type { InspectionsContext } from '../../context';
import { CooperationProgram } from './cooperation-program.entity';
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

  @Mutation(() => CooperationProgram, { description: 'Records a signed cooperation programme with a department (ADMIN).' })
  signCooperationProgram(
    @Ctx() ctx: InspectionsContext,
    @Arg('input', () => SignCooperationProgramInput) input: SignCooperationProgramInput,
  ): Promise<CooperationProgram> {
    return this.programs.sign(ctx.caller, input);
  }
}
