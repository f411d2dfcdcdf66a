/**
 * The demo data holds only what the workflow can produce (issue 18, "Start fast, and truthfully").
 *
 * Seeds the demo (functions/src/demo/seed.ts, as `npm start` does, with a fixed clock) on this
 * project, then walks every demo case and replays its stored history through the planner: the
 * first entry and the case's start are what `planIntake` makes of the script's form for the FO at
 * that time; each workflow entry is exactly the history `planTransition` plans for the script's
 * action, by the person and at the time the entry names, on the case folded so far; system entries
 * are only the letter (right after the signature, its number, PDF and register entry consistent)
 * and the receipts; the stored case, its inbox row, open-case entry and search keys equal the fold.
 * The projections agree: each register row is `applyHistoryEntry`'s fold of the stored history,
 * the month documents grew by the `rebuild` of the demo's cases, the SKM months by the demo's
 * answers. And the two defects of the old seed cannot come back: no case past the draft without a
 * draft, no verified case with a required document not checked OK, no open case whose clock runs
 * beyond a believable age.
 *
 * Environment (as the other service tests): FIRESTORE_EMULATOR_HOST, FIREBASE_AUTH_EMULATOR_HOST,
 * FIREBASE_STORAGE_EMULATOR_HOST and GCLOUD_PROJECT. The project need not be empty (everything is
 * compared as the demo's cases, or as what the seed added), so it runs beside the service layer's
 * other files, whose trigger pump may deliver events for the seed's writes: the consumers are
 * idempotent, and a case created whole up to its signature raises no update for the letter trigger.
 * No wall-clock timing: the script's `now` is fixed; the receipts are printed when the test runs,
 * after every scripted instant.
 */
import '../support/inProcess.js';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminBucket, adminDb } from '../support/admin.js';
import { verifyChain } from '../../functions/src/audit/chain.js';
import { searchKeysOf } from '../../functions/src/cases/search.js';
import {
  joinCase,
  summaryDocOf,
  summaryOf,
  type CaseIdentity,
} from '../../functions/src/domain/caseSummary.js';
import { requiredDocuments } from '../../functions/src/domain/documents.js';
import { officeIsoDate } from '../../functions/src/domain/indonesianDate.js';
import { elapsedOfficeMinutes } from '../../functions/src/domain/officeClock.js';
import {
  applyHistoryEntry,
  emptyRow,
  type HistoryRecord,
  type RegisterRow,
} from '../../functions/src/domain/registers.js';
import { OPEN_STATES } from '../../functions/src/domain/reports/monthlyReport.js';
import { deltaOf, rebuild, type ReportEvent } from '../../functions/src/domain/reports/monthlyTally.js';
import type { OfficeSettings } from '../../functions/src/domain/settings.js';
import { UNSUR_KEYS } from '../../functions/src/domain/skm.js';
import { CASE_STATES } from '../../functions/src/domain/vocabulary.js';
import {
  ACTIONS,
  planIntake,
  planTransition,
  type Actor,
  type CaseSnapshot,
} from '../../functions/src/domain/workflow.js';
import { DEMO_STAFF, TARAKAN, demoPlan, type DemoCase } from '../../functions/src/demo/plan.js';
import { DEMO_BACKDATED, seedDemo, type SeedDemoResult } from '../../functions/src/demo/seed.js';
import { backgroundTriggersDisabled } from '../support/service/triggers.js';
import { loadSettings } from '../../functions/src/firebase/settings.js';
import { factsOf as monthFactsOf } from '../../functions/src/reports/monthlyStore.js';
import { factsOf as registerFactsOf } from '../../functions/src/reports/registerStore.js';

/** Wednesday 11 March 2026, 13:20 WITA: the instant the live cases lead up to. */
const NOW = new Date('2026-03-11T05:20:00.000Z');
const SEED = 2026;

type Doc = Record<string, unknown>;
const strip = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
/** Absent and null both mean "none" in a stored case (`joinCase` reads a missing hand-over as null). */
const normal = (v: Doc): Doc =>
  Object.fromEntries(Object.entries(strip(v)).filter(([, x]) => x !== null && x !== undefined));
const CHAIN = ['seq', 'prevHash', 'hash'];
const withoutChain = (e: Doc): Doc =>
  Object.fromEntries(Object.entries(e).filter(([k]) => !CHAIN.includes(k)));

/** Every numeric leaf of a month document (a standard is a setting, not a count). */
function numericLeaves(v: unknown, path = '', out = new Map<string, number>()): Map<string, number> {
  if (typeof v === 'number') {
    if (!path.endsWith('.standard')) out.set(path, v);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) numericLeaves(x, path ? `${path}.${k}` : k, out);
  }
  return out;
}
const delta = (after: Map<string, number>, before: Map<string, number>) =>
  new Map([...after].map(([k, n]) => [k, n - (before.get(k) ?? 0)] as const).filter(([, n]) => n !== 0));
/** The non-zero numeric leaves, as an object (a zero and an absent count are the same count). */
const counts = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, n]) => n !== 0));

async function snapshotOf(collection: string): Promise<Map<string, Doc>> {
  const snap = await adminDb.collection(collection).get();
  return new Map(snap.docs.map((d) => [d.id, d.data()]));
}

let settings: OfficeSettings;
let result: SeedDemoResult;
let script: DemoCase[];
let staffByUid: Map<string, Actor>;
const before: { months: Map<string, Doc>; skm: Map<string, Doc>; responses: number } = {
  months: new Map(),
  skm: new Map(),
  responses: 0,
};

/** What a demo case is, read back. */
interface Stored {
  c: DemoCase;
  caseId: string;
  doc: Doc;
  identity: CaseIdentity;
  kase: Doc;
  history: Doc[];
}
const stored: Stored[] = [];

beforeAll(async () => {
  // As on a fresh project: the SOP's default settings (another file of this project may have changed them).
  await adminDb.doc('settings/office').delete();
  settings = await loadSettings();
  [before.months, before.skm] = await Promise.all([snapshotOf('reportMonths'), snapshotOf('skmMonths')]);
  before.responses = (await adminDb.collection('surveyResponses').count().get()).data().count;
  // As `npm start` does through the Emulator Hub: the seed runs the triggers' consumers itself.
  result = await backgroundTriggersDisabled(() => seedDemo({ now: NOW, seed: SEED, receipts: true, deliver: false }));
  script = demoPlan({
    now: NOW,
    office: TARAKAN,
    cal: settings.calendar,
    backdated: DEMO_BACKDATED,
    seed: SEED,
  });
  staffByUid = new Map(Object.values(result.staff).map((a) => [a.uid, a]));
  const byKey = new Map(script.map((c) => [c.key, c]));
  for (const w of result.cases) {
    const ref = adminDb.collection('cases').doc(w.caseId);
    const [snap, ident, hist] = await Promise.all([
      ref.get(),
      ref.collection('private').doc('identity').get(),
      ref.collection('history').get(),
    ]);
    const doc = snap.data()!;
    const identity = ident.data() as CaseIdentity;
    stored.push({
      c: byKey.get(w.key)!,
      caseId: w.caseId,
      doc,
      identity,
      kase: { ...joinCase(doc, identity), id: w.caseId },
      history: hist.docs.map((d) => d.data()).sort((a, b) => Number(a['seq']) - Number(b['seq'])),
    });
  }
}, 600_000);

describe('the demo script', () => {
  it('is the same for the same clock and seed, and every scripted case was written', () => {
    expect(strip(result.script)).toEqual(strip(script));
    expect(result.cases.map((c) => c.key).sort()).toEqual(script.map((c) => c.key).sort());
    expect(new Set(result.cases.map((c) => c.number)).size).toBe(result.cases.length);
  });

  it('has live cases in every state, and a backdated year', () => {
    const liveStates = new Set(stored.filter((s) => s.c.live).map((s) => s.kase['state']));
    // Every state of the vocabulary: a state added to the workflow must appear in the demo too.
    for (const s of CASE_STATES) expect(liveStates, s).toContain(s);
    const months = new Set(stored.filter((s) => !s.c.live).map((s) => s.c.intake.at.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
  });
});

describe('every demo case is one the workflow produces', () => {
  it('replays through the planner from its first entry, and the stored case is the fold', () => {
    for (const s of stored) {
      const { c, history } = s;
      const where = `${c.key} (${String(s.doc['number'])})`;
      expect(verifyChain(history), where).toMatchObject({ ok: true });
      // Intake: planIntake of the script's form, for the FO and at the instant the entry names.
      const first = history[0]!;
      const fo = staffByUid.get(String(first['by']))!;
      expect(fo, where).toBeDefined();
      expect(first['by']).toBe(result.staff[c.intake.by]!.uid);
      expect(first['at']).toBe(c.intake.at);
      const planned = planIntake(c.intake.input, fo, new Date(String(first['at'])), settings);
      expect(withoutChain(first), where).toEqual(
        strip({
          action: 'intake',
          from: null,
          to: 'intake',
          at: planned.createdAt,
          by: fo.uid,
          byName: fo.name,
          actedAs: 'fo',
          note: `Pengaduan diterima: ${String(s.doc['number'])}`,
        }),
      );
      let fold: Doc = { ...planned, id: s.caseId, number: s.doc['number'] };
      let step = 0;
      let lastAt = String(first['at']);
      for (const e of history.slice(1)) {
        const at = String(e['at']);
        expect(at >= lastAt, `${where}: entry ${String(e['seq'])} is dated before the one before it`).toBe(
          true,
        );
        lastAt = at;
        const action = String(e['action']);
        if ((ACTIONS as readonly string[]).includes(action)) {
          const scripted = c.steps[step++];
          expect(scripted?.input.action, where).toBe(action);
          expect(at, where).toBe(scripted!.at);
          const actor = staffByUid.get(String(e['by']))!;
          expect(actor.uid, where).toBe(result.staff[scripted!.by]!.uid);
          const plan = planTransition(
            fold as unknown as CaseSnapshot,
            actor,
            scripted!.input,
            new Date(at),
            settings,
          );
          expect(withoutChain(e), `${where}: entry ${String(e['seq'])}`).toEqual(strip(plan.history));
          fold = { ...fold, ...plan.patch };
        } else if (action === 'letterIssued') {
          // The trigger's work, seconds after the signature: the stored letter takes the fold's place.
          expect(fold['state'], where).toBe('signed');
          expect((fold['letter'] as Doc | undefined)?.['status'], where).toBe('pending');
          expect(e['by']).toBe('system');
          const signedAt = Date.parse(String((fold['signature'] as Doc)['at']));
          expect(Date.parse(at) - signedAt, where).toBeLessThan(60_000);
          expect(Date.parse(at) - signedAt, where).toBeGreaterThanOrEqual(0);
          const letter = s.kase['letter'] as Doc;
          expect(letter, where).toMatchObject({
            status: 'rendered',
            renderedAt: at,
            number: e['letterNumber'],
            sha256: e['sha256'],
          });
          fold = { ...fold, letter };
        } else if (action === 'receiptIssued') {
          expect(c.receipt, where).toBe(true);
          expect(staffByUid.get(String(e['by']))?.roles, where).toContain('fo');
        } else {
          throw new Error(`${where}: unexpected history entry ${action}`);
        }
      }
      expect(step, `${where}: every scripted action is in the history`).toBe(c.steps.length);
      const { summary, historyHead, ...kase } = s.kase;
      expect(normal(kase), where).toEqual(normal(fold));
      const last = history[history.length - 1]!;
      expect(historyHead).toEqual({ seq: last['seq'], hash: last['hash'] });
      expect(summary).toEqual(summaryOf(s.identity.applicant, s.identity.kpm));
    }
  });

  it('has the inbox row, open-case entry and search keys the writes of a case keep', async () => {
    for (const s of stored) {
      const k = s.kase as unknown as CaseSnapshot;
      const [row, open, search] = await Promise.all([
        adminDb.doc(`caseSummaries/${s.caseId}`).get(),
        adminDb.doc(`openCases/${s.caseId}`).get(),
        adminDb.doc(`caseSearch/${s.caseId}`).get(),
      ]);
      expect(row.data(), s.c.key).toEqual(strip(summaryDocOf(k, summaryOf(k.applicant, k.kpm))));
      expect(open.exists, s.c.key).toBe((OPEN_STATES as readonly string[]).includes(k.state));
      if (open.exists) expect(open.data()).toEqual({ state: k.state, createdAt: k.createdAt });
      expect(search.data()).toEqual({ ...searchKeysOf(s.identity), createdAt: k.createdAt });
    }
  });

  it('has, for every signed case, the letter the trigger issues: numbered in signing order, stored, signed, registered', async () => {
    const letters: { year: number; sequence: number; signedAt: string }[] = [];
    for (const s of stored.filter((x) => x.c.letterAt)) {
      const letter = s.kase['letter'] as Doc;
      const reg = (await adminDb.doc(`letters/${String(letter['registerId'])}`).get()).data()!;
      expect(reg, s.c.key).toMatchObject({
        number: letter['number'],
        caseId: s.caseId,
        caseNumber: s.kase['number'],
        status: 'valid',
        sha256: letter['sha256'],
        storagePath: letter['storagePath'],
        issuedAt: (s.kase['signature'] as Doc)['at'],
      });
      const [pdf] = await adminBucket.file(String(letter['storagePath'])).download();
      expect(createHash('sha256').update(pdf).digest('hex'), s.c.key).toBe(letter['sha256']);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.includes('/ByteRange')).toBe(true);
      expect(pdf.includes('ETSI.CAdES.detached')).toBe(true);
      letters.push({
        year: Number(letter['year']),
        sequence: Number(letter['sequence']),
        signedAt: String(reg['issuedAt']),
      });
    }
    expect(letters.length).toBe(script.filter((c) => c.letterAt).length);
    for (const year of new Set(letters.map((l) => l.year))) {
      const ofYear = letters.filter((l) => l.year === year).sort((a, b) => a.sequence - b.sequence);
      ofYear.forEach((l, i) => {
        expect(l.sequence, `letters of ${year} run without a gap`).toBe(ofYear[0]!.sequence + i);
        if (i > 0)
          expect(
            l.signedAt >= ofYear[i - 1]!.signedAt,
            `letter ${year}/${l.sequence} is numbered in signing order`,
          ).toBe(true);
      });
    }
  });

  it('gives each hand-over its survey invitation, used exactly by the scripted answers', async () => {
    for (const s of stored.filter((x) => x.kase['state'] === 'completed')) {
      const invite = await adminDb.doc(`surveyInvites/${s.caseId}`).get();
      expect(invite.exists, s.c.key).toBe(true);
      expect(invite.get('createdAt'), s.c.key).toBe((s.kase['handover'] as Doc)['at']);
      expect(invite.get('used') === true, s.c.key).toBe(Boolean(s.c.survey));
    }
  });
});

describe('the projections agree with the histories', () => {
  it('each register row is the fold of its history (applyHistoryEntry)', async () => {
    for (const s of stored) {
      const row = (await adminDb.doc(`caseRegister/${s.caseId}`).get()).data() as RegisterRow;
      let expected = emptyRow(
        registerFactsOf(s.caseId, s.doc as unknown as Parameters<typeof registerFactsOf>[1]),
      );
      for (const e of s.history) expected = applyHistoryEntry(expected, e as unknown as HistoryRecord);
      expect(row, s.c.key).toEqual(strip(expected));
    }
  });

  it('the month documents grew by the rebuild of the demo cases, each counted event marked', async () => {
    const expected = rebuild(
      stored.map((s) => ({ facts: monthFactsOf(s.doc), events: s.history as unknown as ReportEvent[] })),
    );
    const after = await snapshotOf('reportMonths');
    for (const [month, doc] of expected) {
      const grew = delta(numericLeaves(after.get(month)), numericLeaves(before.months.get(month)));
      expect(counts(grew), month).toEqual(counts(numericLeaves(doc)));
      for (const [number, reason] of Object.entries(doc.closures))
        expect((after.get(month)?.['closures'] as Doc)[number]).toBe(reason);
    }
    for (const s of stored) {
      const counted = s.history.filter((e) => deltaOf(e as unknown as ReportEvent, monthFactsOf(s.doc)));
      const markers = await adminDb.getAll(
        ...counted.map((e) => adminDb.doc(`reportApplied/${s.caseId}_${String(e['seq']).padStart(6, '0')}`)),
      );
      expect(
        markers.every((m) => m.exists),
        s.c.key,
      ).toBe(true);
    }
  });

  it('the SKM months grew by the demo answers, one response each', async () => {
    const answered = script.filter((c) => c.survey);
    expect(answered.length).toBeGreaterThan(0);
    expect(result.surveys).toBe(answered.length);
    expect((await adminDb.collection('surveyResponses').count().get()).data().count - before.responses).toBe(
      answered.length,
    );
    const expected = new Map<string, { respondents: number; sums: Record<string, number> }>();
    for (const c of answered) {
      const month = officeIsoDate(new Date(c.survey!.at), settings.calendar.timeZoneOffsetMinutes).slice(
        0,
        7,
      );
      const m = expected.get(month) ?? {
        respondents: 0,
        sums: Object.fromEntries(UNSUR_KEYS.map((k) => [k, 0])),
      };
      m.respondents++;
      for (const k of UNSUR_KEYS) m.sums[k]! += c.survey!.answers[k];
      expected.set(month, m);
    }
    const after = await snapshotOf('skmMonths');
    for (const [month, m] of expected) {
      expect(
        counts(delta(numericLeaves(after.get(month)), numericLeaves(before.skm.get(month)))),
        month,
      ).toEqual(counts(numericLeaves(m)));
    }
  });
});

describe('the defects of the old seed cannot come back', () => {
  it('no case past the analysis (drafted, initialled, signed, completed) is without a draft', () => {
    for (const s of stored.filter((x) =>
      ['drafted', 'initialled', 'signed', 'completed'].includes(String(x.kase['state'])),
    )) {
      const draft = (s.kase['analysis'] as { draft?: { summary?: string; outcome?: string } } | null)?.draft;
      expect(draft?.summary?.length ?? 0, s.c.key).toBeGreaterThan(0);
      expect(draft?.outcome?.length ?? 0, s.c.key).toBeGreaterThan(0);
    }
    expect(stored.some((x) => x.kase['state'] === 'initialled')).toBe(true);
  });

  it('no verified case has a required document that is not checked OK', () => {
    const verifiedStates = ['verified', 'drafted', 'initialled', 'signed', 'completed', 'closed'];
    for (const s of stored.filter((x) => verifiedStates.includes(String(x.kase['state'])))) {
      const k = s.kase as unknown as CaseSnapshot;
      for (const kind of requiredDocuments(k.complaintType, k.relation, settings)) {
        expect(k.documents[kind], `${s.c.key}: ${kind}`).toMatchObject({
          present: true,
          check: { ok: true },
        });
      }
    }
  });

  it('no open case has waited beyond a believable age at the seed time (the clock of a case waiting for the applicant is paused)', () => {
    for (const s of stored.filter((x) =>
      (OPEN_STATES as readonly string[]).includes(String(x.kase['state'])),
    )) {
      const k = s.kase as unknown as CaseSnapshot;
      if (k.state === 'awaiting_documents') {
        expect(k.clock.paused, s.c.key).toBe(true);
        continue;
      }
      expect(s.c.live, `${s.c.key} is open but not one of today's`).toBe(true);
      expect(elapsedOfficeMinutes(k.clock, NOW, settings.calendar), s.c.key).toBeLessThanOrEqual(60);
    }
  });

  it('the demo staff are the people who acted', () => {
    expect(Object.keys(result.staff).sort()).toEqual(DEMO_STAFF.map((m) => m.key).sort());
    for (const s of stored) {
      for (const e of s.history) {
        if (e['by'] !== 'system')
          expect(staffByUid.has(String(e['by'])), `${s.c.key}: ${String(e['action'])}`).toBe(true);
      }
    }
  });
});
