import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AreaLevel } from '@khg/domain';
import { DateScalar, Key, Node } from '@khg/platform';

registerEnumType(AreaLevel, { name: 'AreaLevel', description: 'Level of an administrative unit (cấp hành chính).' });

@Entity({ name: 'areas' })
@ObjectType({ implements: Node, description: 'An administrative area (địa bàn): province, district, commune or village, with its life span.' })
@Key('id')
export class Area {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Field({ description: 'Official administrative code (mã đơn vị hành chính); unique among the units valid on any day.' })
  code: string;

  @Column({ type: 'text' })
  @Field({ description: 'Name without the unit-type prefix (tên).' })
  name: string;

  @Column({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Unit type in Vietnamese: tỉnh, huyện, thị xã, thành phố, xã, phường, thị trấn, thôn.' })
  kind: string | null;

  @Column({ type: 'text' })
  @Field(() => AreaLevel)
  level: AreaLevel;

  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId: string | null;

  /** ltree of ancestor labels, root first, ending with this area */
  @Column({ type: 'ltree' })
  path: string;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'First day the unit exists; null: since before the platform’s records.' })
  validFrom: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Day the unit ceased to exist (exclusive); null while current.' })
  validTo: string | null;
}

@Entity({ name: 'area_statistics' })
@ObjectType({ description: 'Population and households of an area in one year (dân số, hộ gia đình).' })
export class AreaStatistic {
  @PrimaryColumn({ name: 'area_id', type: 'text' })
  areaId: string;

  @PrimaryColumn({ type: 'int' })
  @Field(() => Int)
  year: number;

  @Column({ type: 'int' })
  @Field(() => Int)
  population: number;

  @Column({ type: 'int' })
  @Field(() => Int)
  households: number;
}

/** Where a unit lay during a period: its parent between validFrom (inclusive) and validTo (exclusive). */
@Entity({ name: 'area_parents' })
export class AreaParent {
  @PrimaryColumn({ name: 'area_id', type: 'text' })
  areaId: string;

  @PrimaryColumn({ name: 'parent_id', type: 'text' })
  parentId: string;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'reorganization_id', type: 'text', nullable: true })
  reorganizationId: string | null;
}

/** One link of lineage: `successorId` was formed (wholly or in part) from `predecessorId`. */
@Entity({ name: 'area_lineage' })
export class AreaLineage {
  @PrimaryColumn({ name: 'predecessor_id', type: 'text' })
  predecessorId: string;

  @PrimaryColumn({ name: 'successor_id', type: 'text' })
  successorId: string;

  @Column({ name: 'reorganization_id', type: 'text' })
  reorganizationId: string;

  @Column({ type: 'text' })
  kind: 'MERGE' | 'SPLIT' | 'RENAME';

  /** share of the predecessor's population that went to the successor, 0 < share ≤ 1 (numeric in SQL) */
  @Column({ name: 'population_share', type: 'numeric', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  populationShare: number;
}

@ObjectType({ description: 'Where a unit lay in one year: its ancestry on the year’s reference date (31 December; today for the current year).' })
export class AreaYearAncestry {
  @Field(() => Int)
  year: number;

  @Field(() => [ID], { description: 'Ids of the units above it that day, the province first.' })
  ancestorIds: string[];
}
