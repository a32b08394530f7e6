import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Gender } from '@khg/domain';
import { DateScalar } from '@khg/platform';

@InputType({ description: 'Admission of a member into an organisation (kết nạp hội viên).' })
export class AdmitMemberInput {
  @Field(() => ID)
  organizationId: string;

  @Field()
  @Length(2, 200, { message: 'fullName must be 2 to 200 characters' })
  fullName: string;

  @Field(() => Gender, { nullable: true })
  @IsOptional()
  gender?: Gender | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1900, { message: 'birthYear must be 1900 or later' })
  @Max(2100, { message: 'birthYear is in the future' })
  birthYear?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 .-]{7,18}$/, { message: 'phone must be digits (spaces, dots, dashes allowed), e.g. "0912 345 678"' })
  phone?: string | null;

  @Field(() => DateScalar)
  joinedOn: string;
}

/** The order of a list of members. */
export enum MemberOrder {
  NEWEST_LAST = 'NEWEST_LAST',
  BEST_MATCH = 'BEST_MATCH',
}
registerEnumType(MemberOrder, {
  name: 'MemberOrder',
  description: 'The order of a list of members.',
  valuesConfig: {
    NEWEST_LAST: { description: 'Oldest first, newest last (id order). The default.' },
    BEST_MATCH: {
      description:
        'With `search`: names starting with the search term first (alphabetically), then names where a later word starts with it, then names holding it anywhere else (each newest last). Without `search`, the same as NEWEST_LAST. Pages come from indexes: a common name costs no more than a rare one.',
    },
  },
});
