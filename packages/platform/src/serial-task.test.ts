import { SerialTask } from './serial-task';

/** A pass the test ends by hand, so the order of events is set by the test, not by timing. */
function controlledPasses() {
  const pending: (() => void)[] = [];
  let started = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  const pass = () => {
    started++;
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    return new Promise<void>((resolve) =>
      pending.push(() => {
        concurrent--;
        resolve();
      }),
    );
  };
  /** Ends the oldest running pass and lets the task react. */
  const finish = async () => {
    pending.shift()!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return {
    pass,
    finish,
    get started() {
      return started;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    get pending() {
      return pending.length;
    },
  };
}

describe('SerialTask', () => {
  it('runs one pass per kick when kicks do not overlap', async () => {
    const c = controlledPasses();
    const task = new SerialTask(c.pass, () => undefined);
    task.kick();
    expect(c.started).toBe(1);
    await c.finish();
    expect(task.running).toBe(false);
    task.kick();
    expect(c.started).toBe(2);
    await c.finish();
    expect(c.started).toBe(2);
  });

  it('folds kicks during a pass into exactly one more pass, never two at once', async () => {
    const c = controlledPasses();
    const task = new SerialTask(c.pass, () => undefined);
    task.kick();
    task.kick();
    task.kick();
    task.kick();
    expect(c.started).toBe(1);
    await c.finish();
    expect(c.started).toBe(2);
    await c.finish();
    expect(c.started).toBe(2);
    expect(c.maxConcurrent).toBe(1);
    await task.idle();
    expect(task.running).toBe(false);
  });

  it('reports a failed pass and runs again on the next kick', async () => {
    const errors: string[] = [];
    let calls = 0;
    const task = new SerialTask(
      async () => {
        calls++;
        if (calls === 1) throw new Error('database went away');
      },
      (e) => errors.push(e.message),
    );
    task.kick();
    await task.idle();
    expect(errors).toEqual(['database went away']);
    task.kick();
    await task.idle();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('stop waits for the running pass, drops the one asked for and ignores later kicks', async () => {
    const c = controlledPasses();
    const task = new SerialTask(c.pass, () => undefined);
    task.kick();
    task.kick();
    let stopped = false;
    const stopping = task.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(stopped).toBe(false);
    expect(task.stopped).toBe(true);
    await c.finish();
    await stopping;
    expect(stopped).toBe(true);
    task.kick();
    expect(c.started).toBe(1);
    expect(c.pending).toBe(0);
  });
});
