/**
 * A failure at start that the user can act on: its message is one line saying what is wrong and
 * what to do (which setting to change). Launchers print it as is, with no stack trace.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** The one line to print for any error thrown while starting. */
export function startupMessage(e: unknown): string {
  if (e instanceof StartupError) return e.message;
  const err = e as NodeJS.ErrnoException | undefined;
  const text = err?.message ?? String(e);
  return text.split('\n')[0];
}
