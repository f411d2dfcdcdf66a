/**
 * Firestore events for the service layer: the Firestore triggers exported by functions/src/index.ts,
 * found by their own `__endpoint` (event type, document pattern, retry), are delivered IN THIS
 * PROCESS from Admin SDK listeners on this worker's project — the Functions emulator delivers
 * events only for the one project it was started with, and one Node process per concurrent event.
 *
 * Delivery follows the platform's contract, not a friendlier one: every created/updated/written
 * document change the listener reports becomes one event to the trigger's handler (`run`), with
 * `before` (the last state this pump saw) and `after`; handlers run concurrently; a failed event
 * of a `retry: true` trigger is delivered again (up to 5 times, with backoff), others are logged
 * and dropped. A listener reports the latest state, so two writes in quick succession can arrive as
 * one change — as the at-least-once, unordered delivery of production allows; the triggers are
 * written for it (leases, idempotent consumers), and the sweeper is the net for a lost event.
 *
 * Documents present when the pump starts are its baseline: no event for them. `drain()` waits until
 * every event delivered so far has finished (the setup stops the pump after each test file).
 */
import { Change } from 'firebase-functions/v2';
import type { DocumentSnapshot, Firestore, QuerySnapshot } from 'firebase-admin/firestore';

type EventType = 'created' | 'updated' | 'written';
interface Trigger {
  name: string;
  type: EventType;
  pattern: string[];
  retry: boolean;
  run: (event: unknown) => Promise<unknown>;
}

interface Endpoint {
  eventTrigger?: { eventType: string; eventFilterPathPatterns?: { document?: string }; retry?: boolean };
}

/** The Firestore triggers of a functions module. */
export function firestoreTriggers(fns: Record<string, unknown>): Trigger[] {
  const out: Trigger[] = [];
  for (const [name, f] of Object.entries(fns)) {
    const ep = (f as { __endpoint?: Endpoint } | undefined)?.__endpoint?.eventTrigger;
    const m = ep && /^google\.cloud\.firestore\.document\.v1\.(created|updated|written)$/.exec(ep.eventType);
    const doc = ep?.eventFilterPathPatterns?.document;
    if (!m || !doc) continue;
    out.push({
      name,
      type: m[1] as EventType,
      pattern: doc.split('/'),
      retry: ep.retry === true,
      run: (f as { run: (e: unknown) => Promise<unknown> }).run,
    });
  }
  return out;
}

/** `{caseId: 'x'}` when `path` matches `pattern` (`cases/{caseId}`), else null. */
function match(pattern: string[], path: string): Record<string, string> | null {
  const parts = path.split('/');
  if (parts.length !== pattern.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = pattern[i]!;
    if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = parts[i]!;
    else if (p !== parts[i]) return null;
  }
  return params;
}

const absent = (ref: DocumentSnapshot['ref']) =>
  ({ exists: false, ref, id: ref.id, data: () => undefined, get: () => undefined }) as unknown as DocumentSnapshot;

/** The pump of this test file (set by the setup), for `backgroundTriggersDisabled`. */
let current: TriggerPump | undefined;

/**
 * Runs `fn` with event delivery off, as the Emulator Hub's `disableBackgroundTriggers` does for the
 * Functions emulator (`npm start`'s seed): writes made meanwhile start no trigger. Waits for the
 * events already delivered first.
 */
export async function backgroundTriggersDisabled<T>(fn: () => Promise<T>): Promise<T> {
  const pump = current;
  if (!pump) return fn();
  await pump.drain();
  pump.paused = true;
  try {
    return await fn();
  } finally {
    pump.paused = false;
  }
}

export interface TriggerPump {
  /** While true, document changes start no event (they are not queued for later either). */
  paused: boolean;
  /** Resolves once every listener has its baseline: events flow for every write after it. */
  ready: Promise<void>;
  /** Waits until every event delivered so far (and the events they caused) has been handled. */
  drain: () => Promise<void>;
  stop: () => Promise<void>;
  /** Events delivered, per trigger (for tests of the pump itself). */
  delivered: Record<string, number>;
}

export function startTriggerPump(db: Firestore, triggers: Trigger[], log: (msg: string) => void = console.error): TriggerPump {
  const inFlight = new Set<Promise<void>>();
  const delivered: Record<string, number> = Object.fromEntries(triggers.map((t) => [t.name, 0]));
  const unsubscribes: (() => void)[] = [];
  let stopped = false;

  const deliver = (t: Trigger, event: unknown, attempt = 1): void => {
    delivered[t.name] = (delivered[t.name] ?? 0) + 1;
    const p = (async () => {
      try {
        await t.run(event);
      } catch (e) {
        if (t.retry && attempt < 5 && !stopped) {
          await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
          deliver(t, event, attempt + 1);
        } else {
          log(`[trigger ${t.name}] failed (attempt ${attempt}): ${e instanceof Error ? e.stack : String(e)}`);
        }
      }
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };

  // One listener per collection (or collection group, for a subcollection) the triggers watch.
  const groups = new Map<string, Trigger[]>();
  for (const t of triggers) {
    const collection = t.pattern[t.pattern.length - 2]!;
    const key = t.pattern.length === 2 ? `c:${collection}` : `g:${collection}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const readies: Promise<void>[] = [];
  for (const [key, ts] of groups) {
    let markReady!: () => void;
    readies.push(new Promise<void>((r) => (markReady = r)));
    const seen = new Map<string, DocumentSnapshot>();
    let baseline = true;
    const query = key.startsWith('c:') ? db.collection(key.slice(2)) : db.collectionGroup(key.slice(2));
    const onSnapshot = (snap: QuerySnapshot) => {
      for (const ch of snap.docChanges()) {
        const path = ch.doc.ref.path;
        const before = seen.get(path);
        const after = ch.doc;
        if (ch.type === 'removed') seen.delete(path);
        else seen.set(path, after);
        if (baseline || stopped || pump.paused) continue;
        for (const t of ts) {
          const params = match(t.pattern, path);
          if (!params) continue;
          const created = ch.type === 'added';
          const deleted = ch.type === 'removed';
          if (t.type === 'created' && created) deliver(t, { params, data: after });
          if (t.type === 'updated' && ch.type === 'modified') {
            deliver(t, { params, data: Change.fromObjects(before ?? absent(after.ref), after) });
          }
          if (t.type === 'written') {
            const b = created ? absent(after.ref) : (before ?? absent(after.ref));
            const a = deleted ? absent(after.ref) : after;
            deliver(t, { params, data: Change.fromObjects(b, a) });
          }
        }
      }
      if (baseline) markReady();
      baseline = false;
    };
    unsubscribes.push(query.onSnapshot(onSnapshot, (e) => log(`[trigger pump ${key}] listener error: ${e.message}`)));
  }

  const drain = async () => {
    // Handlers cause writes that cause events: settle until nothing new arrives for a moment.
    for (let quiet = 0; quiet < 2; ) {
      if (inFlight.size > 0) {
        quiet = 0;
        await Promise.allSettled([...inFlight]);
      } else {
        quiet++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const pump: TriggerPump = {
    paused: false,
    ready: Promise.all(readies).then(() => undefined),
    delivered,
    drain,
    stop: async () => {
      // A handler may be waiting out a retry's backoff (a letter's, an email's: up to minutes, as a
      // real instance would); the file's tests are over, so such waits are not awaited past a bound.
      stopped = true;
      for (const u of unsubscribes) u();
      await Promise.race([drain(), new Promise((r) => setTimeout(r, 5_000).unref())]);
      if (current === pump) current = undefined;
    },
  };
  current = pump;
  return pump;
}
