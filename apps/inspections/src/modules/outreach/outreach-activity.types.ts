import { connectionType } from '@khg/platform';
import { OutreachActivity } from './outreach-activity.entity';

export const OutreachActivityConnection = connectionType(OutreachActivity, 'OutreachActivity', 'A page of outreach activities, latest first.');
