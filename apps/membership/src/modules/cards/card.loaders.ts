import { keyedLoader } from '@khg/platform';
import type { CardService } from './card.service';

export function cardLoaders(cards: CardService) {
  return {
    memberCard: keyedLoader(
      (ids: readonly string[]) => cards.currentOf(ids),
      (c) => c.memberId,
    ),
  };
}
export type CardLoaders = ReturnType<typeof cardLoaders>;
