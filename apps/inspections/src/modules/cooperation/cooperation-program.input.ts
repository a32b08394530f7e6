import { Field, InputType } from 'type-graphql';
import { DateScalar } from '@khg/platform';

@InputType({ description: 'A signed cooperation programme (ADMIN).' })
export class SignCooperationProgramInput {
  @Field()
  title: string;

  @Field({ description: 'The partner department.' })
  partner: string;

  @Field(() => DateScalar)
  signedOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Not before signedOn.' })
  validUntil?: string | null;
}
