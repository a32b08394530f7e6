import { keyedLoader } from '@khg/platform';
import type { CooperationProgramService } from './cooperation-program.service';

export function cooperationLoaders(programs: CooperationProgramService) {
  return {
    cooperationProgram: keyedLoader(
      (ids: readonly string[]) => programs.byIds(ids),
      (p) => p.id,
    ),
  };
}
export type CooperationLoaders = ReturnType<typeof cooperationLoaders>;
