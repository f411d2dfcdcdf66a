/**
 * Demo data written by the code the office runs. Every case of the script (./plan.ts) goes through
 * the callables' own functions with the script's clock: intake is `planIntake` and `stageIntake`
 * (callables/createCase.ts), every action `stageTransition` (cases/transition.ts: `planTransition`
 * and `appendHistory`), the letter `processLetter` (letter/issue.ts: number from the gap-free
 * register, rendered, PAdES-signed, stored), the hand-over's survey invitation `ensureInviteTx`, the
 * answers `submitSurvey`, the receipts the `issueReceipt` callable itself; the register rows and the
 * month documents `applyToRegister` and `tallyEvent`, as the `recordHistoryEntry` trigger calls them.
 * A refusal of the planner stops the seed: the demo holds nothing the workflow could not produce.
 *
 * How it is written, for speed: a case's history up to its signature is one batch (the transitions
 * planned one after the other on the case as it would be read back), so a case appears whole; the
 * letters are then numbered in the order of their signatures (as the trigger numbers them when it
 * runs seconds after each signature) and rendered while the next ones are numbered — in a worker
 * thread for `npm start` —; the rest of the history is a second batch. Many cases are written at once,
 * and the register rows, month documents and survey answers follow once everything else is written.
 *
 * Background triggers must be off meanwhile (the Emulator Hub, scripts/seed.mjs): the seed does the
 * triggers' work itself, with the script's clock, and since those consumers are idempotent a late
 * event changes nothing. A case created in one batch raises no update event anyway (the letter
 * trigger listens to updates).
 *
 * `writeBulkCases` is the benchmarks' variant (20,000 cases): the same intake and transitions, many
 * cases per batch, and — since rendering 18,000 letters is not what a report benchmark measures — a
 * stand-in instead of the letter, on cases marked `synthetic: true`. Never used for the demo.
 */
import {
  FieldValue,
  type DocumentData,
  type DocumentReference,
  type SetOptions,
  type UpdateData,
  type WriteBatch,
} from 'firebase-admin/firestore';
import type { CallableRequest } from 'firebase-functions/v2/https';
import { stageIntake } from '../callables/createCase.js';
import { issueReceipt } from '../callables/issueReceipt.js';
import { casesCol, readCase, type CaseWrites, type StoredCase } from '../cases/store.js';
import { stageTransition } from '../cases/transition.js';
import { formatCaseNumber } from '../domain/caseNumber.js';
import { officeDateParts } from '../domain/indonesianDate.js';
import type { IssuedReceipt } from '../domain/tracking.js';
import { planIntake, type Actor, type CaseSnapshot } from '../domain/workflow.js';
import type { OfficeSettings } from '../domain/settings.js';
import { auth, db } from '../firebase/admin.js';
import { loadSettings } from '../firebase/settings.js';
import { runTransaction } from '../firebase/transaction.js';
import { processLetter, type LetterOutcome } from '../letter/issue.js';
import { configuredSigner } from '../letter/pades.js';
import type { LetterSigner } from '../letter/signer.js';
import { deliverOutbox, OUTBOX } from '../mail/outbox.js';
import { tallyEvent } from '../reports/monthlyStore.js';
import { applyToRegister } from '../reports/registerStore.js';
import { ensureInviteTx, type InviteDoc } from '../survey/invites.js';
import { submitSurvey } from '../survey/responses.js';
import type { ReportEvent } from '../domain/reports/monthlyTally.js';
import type { HistoryRecord } from '../domain/registers.js';
import {
  DEMO_PASSWORD,
  DEMO_STAFF,
  TARAKAN,
  demoPlan,
  type DemoCase,
  type DemoOffice,
  type DemoStaffMember,
  type DemoStep,
} from './plan.js';

/** A case as the planner sees it between two actions (what `readCase` would return). */
export type SeedCase = CaseSnapshot & Pick<StoredCase, 'historyHead'>;

export interface SeedContext {
  office: DemoOffice;
  settings: OfficeSettings;
  /** Staff key of the script → the person acting (as `actorFromStaff` makes them). */
  staff: Readonly<Record<string, Actor>>;
}

const actorOf = (ctx: SeedContext, key: string): Actor => {
  const a = ctx.staff[key];
  if (!a) throw new Error(`demo seed: no staff member "${key}"`);
  return a;
};

/** Plans one scripted action on `kase`, stages it in `w`, and returns the case as it then reads. */
function stageStep(
  w: CaseWrites,
  ref: DocumentReference,
  kase: SeedCase,
  s: DemoStep,
  ctx: SeedContext,
): SeedCase {
  const { plan, entry } = stageTransition(
    w,
    ref,
    kase,
    actorOf(ctx, s.by),
    s.input,
    new Date(s.at),
    ctx.settings,
  );
  return { ...kase, ...plan.patch, historyHead: { seq: entry.seq, hash: entry.hash } };
}

/**
 * Stages a scripted case in `w`: its intake numbered `number`, then its actions up to and including
 * `until` of them. Returns the case as it then reads.
 */
function stageCase(w: CaseWrites, c: DemoCase, number: string, until: number, ctx: SeedContext) {
  const ref = casesCol().doc();
  const fo = actorOf(ctx, c.intake.by);
  const planned = planIntake(c.intake.input, fo, new Date(c.intake.at), ctx.settings);
  const { entry } = stageIntake(w, ref, planned, number, fo);
  let kase: SeedCase = { ...planned, id: ref.id, number, historyHead: { seq: entry.seq, hash: entry.hash } };
  for (const s of c.steps.slice(0, until)) kase = stageStep(w, ref, kase, s, ctx);
  return { ref, kase };
}

/** The case numbers of the script's cases, in intake order, taken from each year's counter. */
async function reserveNumbers(
  cases: readonly DemoCase[],
  settings: OfficeSettings,
): Promise<Map<string, string>> {
  const byYear = new Map<number, DemoCase[]>();
  for (const c of [...cases].sort((a, b) => Date.parse(a.intake.at) - Date.parse(b.intake.at))) {
    if (c.number) continue;
    const year = officeDateParts(new Date(c.intake.at), settings.calendar.timeZoneOffsetMinutes).year;
    byYear.set(year, [...(byYear.get(year) ?? []), c]);
  }
  const out = new Map<string, string>();
  for (const c of cases) if (c.number) out.set(c.key, c.number);
  for (const [year, list] of byYear) {
    // The counter `createCase` takes its numbers from: a block of them, as that many intakes would.
    const counter = db().doc(`counters/cases-${year}`);
    const first = await runTransaction('demoSeed.caseNumbers', async (tx) => {
      const last = ((await tx.get(counter)).get('last') as number | undefined) ?? 0;
      tx.set(counter, { last: last + list.length, updatedAt: FieldValue.serverTimestamp() });
      return last + 1;
    });
    list.forEach((c, i) => out.set(c.key, formatCaseNumber(year, first + i)));
  }
  return out;
}

/** At most `n` tasks at once. */
function limiter(n: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

/** A clock for a backdated letter: `start`, then a second later at each further reading. */
function tickingClock(start: string): () => Date {
  let t = Date.parse(start) - 1000;
  return () => new Date((t += 1000));
}

/** Runs the triggers' consumers of a case's history entries (register row, month document), in order. */
async function project(caseId: string): Promise<number> {
  const history = await casesCol().doc(caseId).collection('history').get();
  const entries = history.docs.sort((a, b) => Number(a.get('seq')) - Number(b.get('seq')));
  for (const h of entries) {
    const data = h.data();
    await Promise.all([
      tallyEvent(caseId, h.id, data as ReportEvent),
      typeof data['seq'] === 'number'
        ? applyToRegister(caseId, data as HistoryRecord)
        : Promise.resolve(true),
    ]);
  }
  return entries.length;
}

/** The `issueReceipt` callable run in this process for `fo` (its handler: the same checks, renders and writes). */
async function printReceipt(caseId: string, fo: Actor): Promise<IssuedReceipt> {
  const req = {
    data: { caseId, roll: 80 },
    auth: {
      uid: fo.uid,
      token: { uid: fo.uid, roles: [...fo.roles], auth_time: Math.floor(Date.now() / 1000) },
    },
    rawRequest: { headers: {} },
    acceptsStreaming: false,
  } as unknown as CallableRequest<unknown>;
  return issueReceipt.run(req);
}

/** One letter being issued: `claimed` once it holds its number, `done` with the outcome. */
export interface LetterIssue {
  claimed: Promise<void>;
  done: Promise<LetterOutcome>;
}

/** Issues the letter of a signed case as the trigger would at `letterAt` (`processLetter` with that clock). */
export type IssueLetter = (caseId: string, letterAt: string) => LetterIssue;

/**
 * Issues letters in this thread, at most `inFlight` at once. A letter holds its number (the claim
 * took it from the register) when its content is built — which reads the signer's mark, printed in
 * the letter, after the claim —, and that is when `claimed` resolves.
 */
export function letterIssuer(signer: LetterSigner = configuredSigner(), inFlight = 3): IssueLetter {
  const slots = limiter(inFlight);
  return (caseId, letterAt) => {
    let markClaimed!: () => void;
    const claimed = new Promise<void>((r) => (markClaimed = r));
    const done = slots(async () => {
      const numbered: LetterSigner = {
        provider: signer.provider,
        get mark() {
          markClaimed();
          return signer.mark;
        },
        sign: (pdf, meta) => signer.sign(pdf, meta),
      };
      try {
        return await processLetter(caseId, numbered, tickingClock(letterAt));
      } finally {
        markClaimed();
      }
    });
    return { claimed, done };
  };
}

export interface WrittenCase {
  key: string;
  caseId: string;
  number: string;
  state: string;
}

export interface WriteResult {
  cases: WrittenCase[];
  letters: number;
  surveys: number;
  receipts: { key: string; caseId: string; receipt: IssuedReceipt }[];
  entries: number;
}

/**
 * Writes the scripted cases (see the module comment). `receipts`: the FO prints the receipts of the
 * cases that ask for one (at the time of the call); `deliver`: the emails queued meanwhile are sent
 * at once (in this process, `deliverOutbox`: the triggers are off).
 */
export async function writeCases(
  cases: readonly DemoCase[],
  ctx: SeedContext,
  o: {
    receipts?: boolean;
    deliver?: boolean;
    /** Who issues the letters, taking turns: `letterIssuer()` in this thread unless given (`npm start` adds a worker's). */
    letterIssuers?: IssueLetter[];
    /** Called once nothing a trigger listens to is left to write (`npm start` switches its triggers back on). */
    afterWrites?: () => Promise<void>;
    signer?: LetterSigner;
    concurrency?: number;
    log?: (s: string) => void;
  } = {},
): Promise<WriteResult> {
  // The letter's email (and its survey link) would be sent when the seed runs, not seconds after the
  // letter: a backdated letter goes to an applicant without an email address.
  const late = cases.find(
    (c) => c.letterAt && c.intake.input.applicant.email && Date.parse(c.letterAt) < Date.now() - 5 * 60_000,
  );
  if (late) throw new Error(`demo seed: ${late.key} has a backdated letter and an email address`);
  const numbers = await reserveNumbers(cases, ctx.settings);
  const limit = limiter(o.concurrency ?? 12);
  const result: WriteResult = { cases: [], letters: 0, surveys: 0, receipts: [], entries: 0 };

  // 1. Each case up to its signature, in one batch.
  const firstPart = new Map<string, Promise<{ ref: DocumentReference; kase: SeedCase }>>();
  for (const c of cases) {
    const sign = c.steps.findIndex((s) => s.input.action === 'sign');
    const until = sign >= 0 ? sign + 1 : c.steps.length;
    firstPart.set(
      c.key,
      limit(async () => {
        const batch = db().batch();
        const written = stageCase(batch, c, numbers.get(c.key)!, until, ctx);
        await batch.commit();
        return written;
      }),
    );
  }
  // 2. The letters in the order of the signatures, numbered in that order as the trigger numbers them
  //    when each signature comes seconds after the last: a letter is started only once the one
  //    before it holds its number; the issuers (this thread's, a worker's) take turns, so while some
  //    letters are rendered, signed, stored and published the next ones are already numbered.
  const issuers = o.letterIssuers ?? [letterIssuer(o.signer)];
  const lettered = new Map<string, Promise<void>>();
  let turn = Promise.resolve();
  [...cases]
    .filter((x) => x.letterAt)
    .sort((a, b) => Date.parse(a.letterAt!) - Date.parse(b.letterAt!))
    .forEach((c, i) => {
      const issue = issuers[i % issuers.length]!;
      const started = turn.then(async () => {
        const { claimed, done } = issue((await firstPart.get(c.key)!).ref.id, c.letterAt!);
        await claimed;
        // Boxed, so that the next letter waits for this one's number and not for its outcome.
        return { done };
      });
      turn = started.then(
        () => undefined,
        () => undefined,
      );
      lettered.set(
        c.key,
        started.then(async ({ done }) => {
          const outcome = await done;
          if (outcome !== 'issued')
            throw new Error(`demo seed: the letter of ${c.key} was not issued (${outcome})`);
          result.letters++;
        }),
      );
    });
  const lane = Promise.all(lettered.values()).then(() => undefined);
  const started = Date.now();
  const since = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  void Promise.all([...firstPart.values()]).then(
    () => o.log?.(`[seed] ${cases.length} cases written up to their signature (${since()})`),
    () => undefined,
  );
  void lane.then(
    () => o.log?.(`[seed] ${result.letters} letters issued (${since()})`),
    () => undefined,
  );
  // 3. The rest of each case (the hand-over and its survey invitation), its receipt and its emails.
  const finished = await Promise.all(
    cases.map(async (c) => {
      const { ref, kase: first } = await firstPart.get(c.key)!;
      await lettered.get(c.key);
      return limit(async () => {
        const sign = c.steps.findIndex((s) => s.input.action === 'sign');
        const rest = sign >= 0 ? c.steps.slice(sign + 1) : [];
        let state: string = first.state;
        let invite: InviteDoc | null = null;
        if (rest.length > 0) {
          let { kase } = await runTransaction('demoSeed.readCase', (tx) => readCase(tx, ref.id));
          const batch = db().batch();
          for (const s of rest) kase = stageStep(batch, ref, kase, s, ctx);
          await batch.commit();
          state = kase.state;
          // As the recordHandover callable: the case's survey invitation follows the hand-over.
          const handover = rest.find((s) => s.input.action === 'recordHandover');
          if (handover)
            invite = await runTransaction('demoSeed.surveyInvite', (tx) =>
              ensureInviteTx(tx, ref.id, new Date(handover.at)),
            );
        }
        if (c.receipt && o.receipts !== false) {
          result.receipts.push({
            key: c.key,
            caseId: ref.id,
            receipt: await printReceipt(ref.id, actorOf(ctx, c.intake.by)),
          });
        }
        if (o.deliver) {
          const queued = await db().collection(OUTBOX).where('caseId', '==', ref.id).get();
          for (const d of queued.docs) await deliverOutbox(d.id);
        }
        result.cases.push({ key: c.key, caseId: ref.id, number: numbers.get(c.key)!, state });
        return { c, ref, invite };
      });
    }),
  );
  await lane;
  o.log?.(`[seed] every case, letter and receipt written (${since()})`);
  // Nothing a trigger listens to (cases, their history, the outbox) is written from here on: the
  // caller may switch the triggers back on meanwhile.
  const afterWrites = o.afterWrites?.();
  // 4. The survey answers — one at a time: the answers of a month increment one month document, and
  //    the survey's transaction finds the invitation by a query —, and each case's register row and
  //    month tallies, as the history trigger makes them.
  await Promise.all([
    (async () => {
      for (const { c, invite } of finished) {
        if (!invite || !c.survey) continue;
        const { answers, saran, channel, at } = c.survey;
        await submitSurvey(invite.token, { answers, saran, channel }, new Date(at));
        result.surveys++;
      }
    })(),
    ...finished.map(({ ref }) =>
      limit(async () => {
        const entries = await project(ref.id);
        result.entries += entries;
      }),
    ),
  ]);
  await afterWrites;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Staff

/** The demo staff's accounts and profiles (made when missing), as the actors of the script. */
export async function ensureStaff(
  members: readonly DemoStaffMember[] = DEMO_STAFF,
  o: { password?: string; since?: Date } = {},
): Promise<{ actors: Record<string, Actor>; created: number }> {
  let created = 0;
  const pairs = await Promise.all(
    members.map(async (s) => {
      let uid: string;
      try {
        uid = (await auth().getUserByEmail(s.email)).uid;
      } catch {
        const user = await auth().createUser({
          email: s.email,
          password: o.password ?? DEMO_PASSWORD,
          displayName: s.name,
        });
        uid = user.uid;
        await auth().setCustomUserClaims(uid, { roles: s.roles });
        await db()
          .collection('users')
          .doc(uid)
          .set({
            name: s.name,
            email: s.email,
            roles: s.roles,
            nip: s.nip,
            title: s.title,
            active: true,
            createdAt: (o.since ?? new Date()).toISOString(),
          });
        created++;
      }
      // As actorFromStaff (firebase/caller.ts) makes them from the profile.
      const actor: Actor = { uid, name: s.name, roles: s.roles, ...(s.nip ? { nip: s.nip } : {}) };
      return [s.key, actor] as const;
    }),
  );
  return { actors: Object.fromEntries(pairs), created };
}

// ---------------------------------------------------------------------------------------------
// The demo

export interface SeedDemoOptions {
  /** The instant the live cases lead up to (the system's time for `npm start`). */
  now: Date;
  office?: DemoOffice;
  /** Cases in the backdated year. */
  backdated?: number;
  seed?: number;
  receipts?: boolean;
  deliver?: boolean;
  letterIssuers?: IssueLetter[];
  afterWrites?: () => Promise<void>;
  log?: (s: string) => void;
}

export interface SeedDemoResult extends WriteResult {
  office: DemoOffice;
  staff: Record<string, Actor>;
  staffCreated: number;
  script: DemoCase[];
}

/**
 * The backdated year's size for `npm start`: three cases a month. Each completed one has its letter,
 * numbered, rendered and PAdES-signed as the trigger does it — a quarter of a second of CPU on the
 * 2-core machines this starts on —, and the first start has a budget; an office with more history
 * is `seedDemo({ backdated })`.
 */
export const DEMO_BACKDATED = 36;

/**
 * The demo of one office on an empty project: its staff, then the script of `demoPlan` for `now`
 * written by `writeCases`.
 */
export async function seedDemo(o: SeedDemoOptions): Promise<SeedDemoResult> {
  const office = o.office ?? TARAKAN;
  const settings = await loadSettings();
  const since = new Date(o.now.getTime() - 400 * 86_400_000);
  const { actors, created } = await ensureStaff(DEMO_STAFF, { since });
  const script = demoPlan({
    now: o.now,
    office,
    cal: settings.calendar,
    backdated: o.backdated ?? DEMO_BACKDATED,
    seed: o.seed,
  });
  const written = await writeCases(
    script,
    { office, settings, staff: actors },
    {
      receipts: o.receipts,
      deliver: o.deliver,
      letterIssuers: o.letterIssuers,
      afterWrites: o.afterWrites,
      log: o.log,
    },
  );
  return { ...written, office, staff: actors, staffCreated: created, script };
}

// ---------------------------------------------------------------------------------------------
// Bulk fixtures (benchmarks, the monthly report's end-to-end test)

/**
 * Writes many scripted cases fast (see the module comment): whole cases, several per batch, with a
 * stand-in letter (`letter.synthetic`) where the script signs, on case documents marked
 * `synthetic: true`. No projections: the caller rebuilds them. Returns the number of writes.
 */
export async function writeBulkCases(
  cases: readonly DemoCase[],
  ctx: SeedContext,
  o: { concurrency?: number } = {},
): Promise<number> {
  const numbers = await reserveNumbers(cases, ctx.settings);
  const inFlight = new Set<Promise<unknown>>();
  const concurrency = o.concurrency ?? 8;
  let writes = 0;
  const counting = (b: WriteBatch): CaseWrites & { n: number } => {
    const w = {
      n: 0,
      create: (ref: DocumentReference, d: DocumentData) => (w.n++, b.create(ref, d)),
      set: (ref: DocumentReference, d: DocumentData, opt: SetOptions) => (w.n++, b.set(ref, d, opt)),
      update: (ref: DocumentReference, d: UpdateData<DocumentData>) => (w.n++, b.update(ref, d)),
      delete: (ref: DocumentReference) => (w.n++, b.delete(ref)),
    };
    return w;
  };
  const commit = async (b: WriteBatch) => {
    // Backpressure: a batch is built only when a commit slot is free (20,000 cases do not fit in memory at once).
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    const p = b.commit().finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  let batch = db().batch();
  let w = counting(batch);
  for (const c of cases) {
    const sign = c.steps.findIndex((s) => s.input.action === 'sign');
    const { ref, kase } = stageCase(w, c, numbers.get(c.key)!, sign >= 0 ? sign + 1 : c.steps.length, ctx);
    w.update(ref, { synthetic: true });
    let k: SeedCase = kase;
    if (sign >= 0) {
      const letter = {
        status: 'rendered' as const,
        renderedAt: c.letterAt ?? c.steps[sign]!.at,
        synthetic: true,
      };
      w.update(ref, { letter });
      k = { ...k, letter };
      for (const s of c.steps.slice(sign + 1)) k = stageStep(w, ref, k, s, ctx);
    }
    if (w.n > 400) {
      writes += w.n;
      await commit(batch);
      batch = db().batch();
      w = counting(batch);
    }
  }
  writes += w.n;
  if (w.n > 0) await commit(batch);
  await Promise.all(inFlight);
  return writes;
}
