/**
 * Polls `probe` until it returns a value (not undefined), or fails after `ms` naming what it waited
 * for. For triggers and email delivery, which finish after the call that caused them.
 *
 * The polling starts quick and slows down as the wait goes on (50 ms, doubling, up to 1 s): most
 * waits end within a second, and a long one (a retry's backoff, thirty letters at once) then reads
 * once a second instead of five times, which leaves the emulators' CPU to the work being waited for.
 * `wakeOn` subscribes to a change signal (a Firestore listener: `(wake) => ref.onSnapshot(() => wake())`)
 * and returns its unsubscribe function: every change re-runs the probe at once, so a wait ends as
 * soon as the change is there; the timer (up to 2 s then) remains for time-based conditions.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 60_000,
  opts: { wakeOn?: (wake: () => void) => () => void } = {},
): Promise<T> {
  const deadline = Date.now() + ms;
  const maxDelay = opts.wakeOn ? 2_000 : 1_000;
  let delay = 50;
  let changed: boolean;
  let wake: (() => void) | undefined;
  const unsubscribe = opts.wakeOn?.(() => {
    changed = true;
    wake?.();
  });
  try {
    for (;;) {
      changed = false;
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      if (!changed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(delay, deadline - Date.now() + 1));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
      delay = Math.min(delay * 2, maxDelay);
    }
  } finally {
    unsubscribe?.();
  }
}
