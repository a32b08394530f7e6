import { groupedCompositeLoader, groupedLoader, keyedLoader } from '@khg/platform';
import type { AreaService } from './area.service';

export interface ChildrenKey { parentId: string; on: string }
const childrenKey = (k: ChildrenKey) => `${k.parentId}@${k.on}`;

export function areaLoaders(areas: AreaService) {
  return {
    area: keyedLoader((ids: readonly string[]) => areas.byIds(ids), (a) => a.id),
    areaChildren: groupedCompositeLoader(
      (keys: readonly ChildrenKey[]) => areas.childrenOf(keys),
      (row) => childrenKey({ parentId: row.area.parentId ?? '', on: row.on }),
      childrenKey,
    ),
    areaStatistics: groupedLoader((ids: readonly string[]) => areas.statisticsOf(ids), (s) => s.areaId),
  };
}
export type AreaLoaders = ReturnType<typeof areaLoaders>;
