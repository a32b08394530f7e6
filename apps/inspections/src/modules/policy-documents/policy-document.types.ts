import { connectionType } from '@khg/platform';
import { PolicyDocument } from './policy-document.entity';

export const PolicyDocumentConnection = connectionType(PolicyDocument, 'PolicyDocument', 'A page of policy documents, oldest issued first (undated last).');
