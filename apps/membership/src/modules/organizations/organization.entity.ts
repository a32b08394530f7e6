import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { HostKind, OrganizationKind } from '@khg/domain';
import { DateScalar, Key, Node } from '@khg/platform';

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  valuesConfig: {
    ASSOCIATION: { description: 'Hội Khuyến học (province, district, commune, university, college…)' },
    BRANCH: { description: 'Chi hội (village, school, agency)' },
    BOARD: { description: 'Ban Khuyến học (department, union, armed forces, enterprise, clan)' },
  },
});
registerEnumType(HostKind, { name: 'HostKind', description: 'What the organisation is hosted by (đơn vị chủ quản).' });

@Entity({ name: 'organizations' })
@ObjectType({ implements: Node, description: 'An organisation of the association (tổ chức Hội): association, branch or board, in the association’s tree.' })
@Key('id')
export class Organization {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Field()
  name: string;

  @Column({ type: 'text' })
  @Field(() => OrganizationKind)
  kind: OrganizationKind;

  @Column({ type: 'text' })
  @Field(() => HostKind)
  host: HostKind;

  @Column({ name: 'area_id', type: 'text' })
  areaId: string;

  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId: string | null;

  @Column({ type: 'ltree' })
  path: string;

  @Column({ name: 'founded_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Founding date (ngày thành lập).' })
  foundedOn: string | null;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Day the organisation was dissolved; null while active.' })
  closedOn: string | null;

  /** the organisation that took over its members when it was dissolved */
  @Column({ name: 'successor_id', type: 'text', nullable: true })
  successorId: string | null;
}
