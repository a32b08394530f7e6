import { Field, ID, InputType, Int } from 'type-graphql';
import { OutreachChannel } from '@khg/domain';
import { DateScalar } from '@khg/platform';

@InputType({ description: 'An outreach activity held by an organisation (ADMIN, or an OFFICER within its subtree).' })
export class RecordOutreachActivityInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => [ID], { description: 'The documents spread (at least one).' })
  documentIds: string[];

  @Field(() => OutreachChannel)
  channel: OutreachChannel;

  @Field(() => DateScalar)
  heldOn: string;

  @Field(() => Int)
  audience: number;

  @Field(() => String, { nullable: true })
  summary?: string | null;
}
