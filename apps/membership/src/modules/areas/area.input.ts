import { Field, ID, InputType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { AreaLevel } from '@khg/domain';
import { DateScalar } from '@khg/platform';

@InputType({ description: 'A new administrative unit.' })
export class CreateAreaInput {
  @Field({ description: 'Official code (mã), e.g. "12004"' })
  @Matches(/^[0-9A-Za-z-]{1,20}$/, { message: 'code must be 1 to 20 letters, digits or "-"' })
  code: string;

  @Field()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @Field(() => AreaLevel)
  level: AreaLevel;

  @Field(() => ID, { nullable: true, description: 'The unit it lies in; required for every level below PROVINCE.' })
  @IsOptional()
  parentId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day the unit exists (default: since before the records).' })
  @IsOptional()
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Unit type in Vietnamese (xã, phường, thôn…).' })
  @IsOptional()
  @Length(1, 40)
  kind?: string | null;
}
