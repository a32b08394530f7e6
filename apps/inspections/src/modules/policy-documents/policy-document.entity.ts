import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DocumentKind } from '@khg/domain';
import { DateScalar, Key, Node } from '@khg/platform';

registerEnumType(DocumentKind, {
  name: 'DocumentKind',
  valuesConfig: {
    DIRECTIVE: { description: 'Chỉ thị' },
    DECISION: { description: 'Quyết định' },
    PLAN: { description: 'Kế hoạch' },
    CIRCULAR: { description: 'Thông tư' },
    CHARTER: { description: 'Điều lệ' },
    DISPATCH: { description: 'Công văn' },
  },
});

@Entity({ name: 'policy_documents' })
@ObjectType({ implements: Node, description: 'A directive, decision, plan or circular (văn bản chỉ đạo) whose carrying out is spread and inspected.' })
@Key('id')
export class PolicyDocument {
  @PrimaryColumn({ type: 'text' })
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Field({ description: 'Số hiệu, e.g. "11-CT/TW"; unique regardless of case.' })
  code: string;

  /** the code folded for uniqueness ("11-ct/tw" is "11-CT/TW") */
  @Column({ name: 'code_key', type: 'text' })
  codeKey: string;

  @Column({ type: 'text' })
  @Field({ description: 'Trích yếu: what the document is about.' })
  title: string;

  @Column({ type: 'text' })
  @Field(() => DocumentKind)
  kind: DocumentKind;

  @Column({ type: 'text' })
  @Field({ description: 'Cơ quan ban hành, e.g. "Bộ Chính trị".' })
  issuer: string;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Ngày ban hành.' })
  issuedOn: string | null;
}

/** Folds a document code for uniqueness: case and Unicode form do not make a new document. */
export const codeKeyOf = (code: string): string => code.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, '');
