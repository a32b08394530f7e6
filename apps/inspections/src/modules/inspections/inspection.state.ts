import { InspectionStatus } from '@khg/domain';

/** What can be done to an inspection; each moves it to a new status or is refused. */
export enum InspectionAction {
  START = 'START',
  COMPLETE = 'COMPLETE',
  CANCEL = 'CANCEL',
}

/**
 * The inspection state machine, the one place that says which transitions exist:
 * PLANNED → IN_PROGRESS → COMPLETED, and CANCELLED from PLANNED or IN_PROGRESS.
 */
export const INSPECTION_TRANSITIONS: Readonly<Record<InspectionStatus, Readonly<Partial<Record<InspectionAction, InspectionStatus>>>>> = {
  [InspectionStatus.PLANNED]: { [InspectionAction.START]: InspectionStatus.IN_PROGRESS, [InspectionAction.CANCEL]: InspectionStatus.CANCELLED },
  [InspectionStatus.IN_PROGRESS]: { [InspectionAction.COMPLETE]: InspectionStatus.COMPLETED, [InspectionAction.CANCEL]: InspectionStatus.CANCELLED },
  [InspectionStatus.COMPLETED]: {},
  [InspectionStatus.CANCELLED]: {},
};

/** The status `action` leads to from `current`, or null when the machine does not allow it. */
export function nextInspectionStatus(current: InspectionStatus, action: InspectionAction): InspectionStatus | null {
  return INSPECTION_TRANSITIONS[current][action] ?? null;
}

/** Findings and recommendations are recorded while the inspection is under way, never before or after. */
export const acceptsRecords = (status: InspectionStatus): boolean => status === InspectionStatus.IN_PROGRESS;

/** The statuses from which `action` is allowed, for messages a person can act on. */
export function statusesAllowing(action: InspectionAction): InspectionStatus[] {
  return (Object.keys(INSPECTION_TRANSITIONS) as InspectionStatus[]).filter((s) => INSPECTION_TRANSITIONS[s][action]);
}
