import { Field, InputType } from 'type-graphql';
import { DocumentKind } from '@khg/domain';
import { DateScalar } from '@khg/platform';

@InputType({ description: 'A policy document to register (ADMIN).' })
export class RegisterPolicyDocumentInput {
  @Field({ description: 'Số hiệu, e.g. "89/QĐ-TTg"; unique regardless of case.' })
  code: string;

  @Field()
  title: string;

  @Field(() => DocumentKind)
  kind: DocumentKind;

  @Field()
  issuer: string;

  @Field(() => DateScalar, { nullable: true })
  issuedOn?: string | null;
}
