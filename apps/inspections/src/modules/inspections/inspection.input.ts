import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@khg/platform';

@InputType({ description: 'An inspection to plan: the lead organisation decides who may record on it later.' })
export class PlanInspectionInput {
  @Field()
  title: string;

  @Field(() => [ID], { description: 'The policy documents whose carrying out is inspected (at least one).' })
  documentIds: string[];

  @Field(() => ID, { description: 'The organisation leading the inspection (đơn vị chủ trì).' })
  leadId: string;

  @Field(() => [String], { description: 'Departments taking part; trimmed, repeated names kept once.' })
  partners: string[];

  @Field(() => [ID], { description: 'The organisations inspected (at least one).' })
  subjectIds: string[];

  @Field(() => DateScalar)
  startsOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Not before startsOn.' })
  endsOn?: string | null;
}
