import { compositeLoader, groupedCompositeLoader, groupedLoader, keyedLoader } from '@khg/platform';
import { ancestorKey, type AreaService } from './area.service';

export interface ChildrenKey {
  parentId: string;
  on: string;
}
const childrenKey = (k: ChildrenKey) => `${k.parentId}@${k.on}`;

export function areaLoaders(areas: AreaService) {
  return {
    area: keyedLoader(
      (ids: readonly string[]) => areas.byIds(ids),
      (a) => a.id,
    ),
    areaChildren: groupedCompositeLoader(
      (keys: readonly ChildrenKey[]) => areas.childrenOf(keys),
      (row) => childrenKey({ parentId: row.parentId, on: row.on }),
      childrenKey,
    ),
    areaAncestorsOn: compositeLoader(
      (keys: readonly { areaId: string; on: string }[]) => areas.ancestorsOn(keys),
      (row) => row.key,
      ancestorKey,
    ),
    areaPredecessors: groupedLoader(
      (ids: readonly string[]) => areas.lineageOf(ids, 'predecessor'),
      (l) => l.successorId,
    ),
    areaSuccessors: groupedLoader(
      (ids: readonly string[]) => areas.lineageOf(ids, 'successor'),
      (l) => l.predecessorId,
    ),
    areaStatistics: groupedLoader(
      (ids: readonly string[]) => areas.statisticsOf(ids),
      (s) => s.areaId,
    ),
  };
}
export type AreaLoaders = ReturnType<typeof areaLoaders>;
