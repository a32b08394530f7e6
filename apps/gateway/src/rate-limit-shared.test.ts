import { windowOf } from './rate-limit-shared';

describe('a token bucket as a shared fixed window', () => {
  it('keeps the burst and the average rate', () => {
    expect(windowOf({ rate: 50, burst: 200 })).toEqual({ points: 200, duration: 4 });
    expect(windowOf({ rate: 0.5, burst: 5 })).toEqual({ points: 5, duration: 10 });
    // a window is at least a second long
    expect(windowOf({ rate: 500, burst: 100 })).toEqual({ points: 100, duration: 1 });
  });
});
