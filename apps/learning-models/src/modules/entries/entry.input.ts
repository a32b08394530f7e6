import { Field, ID, InputType, Int } from 'type-graphql';
import { LearningModelKind } from '@khg/domain';

// Validation is the service's job (row by row, so a bulk list can name every bad row at once).
@InputType({ description: 'A candidate for recognition (đăng ký).' })
export class RegisterLearningModelInput {
  @Field(() => LearningModelKind)
  kind: LearningModelKind;

  @Field({ description: 'Head of family, clan name, village name or unit name.' })
  name: string;

  @Field(() => ID, { description: 'FAMILY, CLAN, COMMUNITY: a village or commune; UNIT: any area.' })
  areaId: string;

  @Field(() => Int)
  year: number;
}
