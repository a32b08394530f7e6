import { connectionType } from '@khg/platform';
import { CooperationProgram } from './cooperation-program.entity';

export const CooperationProgramConnection = connectionType(CooperationProgram, 'CooperationProgram', 'A page of cooperation programmes, oldest signed first.');
