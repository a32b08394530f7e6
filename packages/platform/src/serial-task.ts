/**
 * Runs `pass` one at a time: a kick while a pass runs asks for exactly one more pass after it (kicks
 * in between coalesce into that one), so a change signalled during a pass is never missed and passes
 * never overlap. For pollers woken by NOTIFY and timers: the outbox relay, the event hub, webhooks.
 */
export class SerialTask {
  private current: Promise<void> | null = null;
  private again = false;
  private stopping = false;

  /** `onError` hears a failed pass; the next kick runs a new one. */
  constructor(
    private readonly pass: () => Promise<void>,
    private readonly onError: (e: Error) => void,
  ) {}

  /** Runs a pass now, or right after the current one. Does nothing once stopped. */
  kick(): void {
    if (this.stopping) return;
    if (this.current) {
      this.again = true;
      return;
    }
    this.current = this.pass()
      .catch((e: unknown) => this.onError(e instanceof Error ? e : new Error(String(e))))
      .finally(() => {
        this.current = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** True once stop() was called: a long pass may check it to end early. */
  get stopped(): boolean {
    return this.stopping;
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Resolves once no pass runs and none is asked for. */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  /** No pass starts after this; resolves when the one running (if any) has ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }
}
