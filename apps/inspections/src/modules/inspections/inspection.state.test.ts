import { InspectionStatus } from '@khg/domain';
import { InspectionAction, acceptsRecords, nextInspectionStatus, statusesAllowing } from './inspection.state';

const { PLANNED, IN_PROGRESS, COMPLETED, CANCELLED } = InspectionStatus;
const { START, COMPLETE, CANCEL } = InspectionAction;

describe('inspection state machine (pure)', () => {
  it.each([
    [PLANNED, START, IN_PROGRESS],
    [PLANNED, COMPLETE, null],
    [PLANNED, CANCEL, CANCELLED],
    [IN_PROGRESS, START, null],
    [IN_PROGRESS, COMPLETE, COMPLETED],
    [IN_PROGRESS, CANCEL, CANCELLED],
    [COMPLETED, START, null],
    [COMPLETED, COMPLETE, null],
    [COMPLETED, CANCEL, null],
    [CANCELLED, START, null],
    [CANCELLED, COMPLETE, null],
    [CANCELLED, CANCEL, null],
  ])('%s + %s → %s', (from, action, to) => {
    expect(nextInspectionStatus(from, action)).toBe(to);
  });

  it('accepts findings and recommendations only while IN_PROGRESS, and names where each action is allowed', () => {
    expect(Object.values(InspectionStatus).filter(acceptsRecords)).toEqual([IN_PROGRESS]);
    expect(statusesAllowing(START)).toEqual([PLANNED]);
    expect(statusesAllowing(COMPLETE)).toEqual([IN_PROGRESS]);
    expect(statusesAllowing(CANCEL)).toEqual([PLANNED, IN_PROGRESS]);
  });
});
