import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, Key } from '@khg/platform';
import { Member } from '../members/member.entity';

@ObjectType({ description: 'One read of a member’s personal fields (phone number, birth year): who, with which role, when.' })
export class PersonalDataRead {
  @Field({ description: 'Token subject of the reader.' })
  readerId: string;

  @Field()
  role: string;

  @Field(() => [String], { description: 'The fields read, e.g. ["phone", "birthYear"].' })
  fields: string[];

  @Field(() => DateTimeScalar)
  readAt: Date;
}

/**
 * Everything held about one person (Law 91/2025/QH15, the right to know). An entity keyed by the
 * member id, so fundraising adds the donations made as that member; the key is not part of the API.
 */
@ObjectType({ description: 'Everything the platform holds about one member: ADMIN, or the member themself.' })
@Key('memberId')
export class PersonalData {
  @Field(() => ID)
  @Directive('@inaccessible')
  memberId: string;

  @Field(() => Member, { description: 'Profile, membership periods, card and fees.' })
  member?: Member;

  @Field(() => [PersonalDataRead], { description: 'Who read the member’s phone number or birth year, and when, newest first.' })
  reads?: PersonalDataRead[];
}
