import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar } from '@khg/platform';

@InputType({ description: 'A training course that took place.' })
export class RecordTrainingCourseInput {
  @Field()
  title: string;

  @Field(() => ID, { description: 'The organisation that held it.' })
  organizerId: string;

  @Field(() => DateScalar)
  heldOn: string;

  @Field(() => Int, { description: 'Cadres trained, > 0.' })
  participants: number;
}
