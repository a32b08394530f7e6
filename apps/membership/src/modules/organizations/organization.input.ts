import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { HostKind, OrganizationKind } from '@khg/domain';
import { DateScalar } from '@khg/platform';

@InputType({ description: 'A new organisation in the association’s tree.' })
export class CreateOrganizationInput {
  @Field()
  @Length(1, 300, { message: 'name must be 1 to 300 characters' })
  name: string;

  @Field(() => OrganizationKind)
  kind: OrganizationKind;

  @Field(() => HostKind)
  host: HostKind;

  @Field(() => ID, { description: 'The area it sits in.' })
  areaId: string;

  @Field(() => ID, { nullable: true, description: 'The organisation above it; only ADMIN may create a root.' })
  @IsOptional()
  parentId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  foundedOn?: string | null;
}
