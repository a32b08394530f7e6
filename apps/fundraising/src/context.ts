import type { RequestContext } from '@khg/platform';
import type { FundraisingLoaders } from './loaders';

export type { FundraisingLoaders };
export type Ctx = RequestContext<FundraisingLoaders>;
