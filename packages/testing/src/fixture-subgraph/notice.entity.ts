import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Key } from '@khg/platform';

@Entity({ name: 'notices' })
@ObjectType({ description: 'A notice pinned to an organisation (the fixture subgraph of the manifest test).' })
export class Notice {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'organization_id', type: 'text' })
  @Field(() => ID)
  organizationId: string;

  @Column({ type: 'text' })
  @Field()
  title: string;
}

/** Membership's organisation, seen from here: the key the `notices` field hangs on. */
@ObjectType({ description: 'An organisation of the association (tổ chức Hội); owned by membership.' })
@Key('id')
export class Organization {
  @Field(() => ID)
  id: string;
}
