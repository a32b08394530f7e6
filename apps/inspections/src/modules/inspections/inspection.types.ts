import { connectionType } from '@khg/platform';
import { Inspection } from './inspection.entity';

export const InspectionConnection = connectionType(Inspection, 'Inspection', 'A page of inspections, latest start first.');
