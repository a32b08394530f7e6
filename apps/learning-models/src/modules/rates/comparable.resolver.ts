import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ComparableYear } from '@khg/platform/membership-refs';
import { Requires } from '@khg/platform';
import type { LearningContext } from '../../context';
import { areaRef } from '../shared/stubs';
import { LearningModelRate } from './rate.types';

@Resolver(() => ComparableYear)
export class ComparableYearLearningModelsResolver {
  @FieldResolver(() => [LearningModelRate], {
    description:
      'The four rates over the units it came from that year: counts (eligible, registered, decided) summed over them, each times the share of the unit that went into it and rounded; rates computed from those sums. Targets are per unit, so target, targetAreaId and targetMet are null here.',
  })
  @Requires('year sourceAreaIds sourceShares')
  async learningModels(@Root() cy: ComparableYear, @Ctx() ctx: LearningContext): Promise<LearningModelRate[]> {
    const sources = cy.sourceAreaIds ?? [];
    const year = cy.year!;
    const perSource = await Promise.all(sources.map((areaId) => ctx.loaders.learningModelRates.load({ areaId, year, ancestry: [areaId] })));
    const byKind = new Map<string, { eligible: number; registered: number; recognized: number; notRecognized: number; pending: number }>();
    perSource.forEach((rates, i) => {
      const share = cy.sourceShares?.[i] ?? 1;
      for (const r of rates) {
        const acc = byKind.get(r.kind) ?? { eligible: 0, registered: 0, recognized: 0, notRecognized: 0, pending: 0 };
        acc.eligible += r.eligible * share;
        acc.registered += r.registered * share;
        acc.recognized += r.recognized * share;
        acc.notRecognized += r.notRecognized * share;
        acc.pending += r.pending * share;
        byKind.set(r.kind, acc);
      }
    });
    const areaId = cy.id.split(':')[0];
    return [...byKind.entries()].map(([kind, s]) => {
      const [eligible, registered, recognized, notRecognized, pending] = [s.eligible, s.registered, s.recognized, s.notRecognized, s.pending].map(Math.round);
      return Object.assign(new LearningModelRate(), {
        area: areaRef(areaId),
        year,
        kind,
        eligible,
        registered,
        recognized,
        notRecognized,
        pending,
        rate: eligible === 0 ? 0 : Math.min(1, recognized / eligible),
        registeredRate: registered === 0 ? 0 : recognized / registered,
        target: null,
        targetAreaId: null,
        targetMet: null,
      }) as LearningModelRate;
    });
  }
}
