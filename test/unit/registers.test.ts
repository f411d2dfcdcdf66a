/**
 * The registers' pure rules (domain/registers.ts): a row from a case's history, idempotent and
 * order-safe; the period bounds in office time; who sees which register; the agenda's delivery.
 * Expected values are written from the SOP and the history by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agendaRowOf,
  applyHistoryEntry,
  CASE_REGISTER_COLUMNS,
  describeFilters,
  emptyRow,
  periodBounds,
  registerRowOf,
  registerScopeFor,
  stepSummary,
  type AgendaEntry,
  type CaseFacts,
  type HistoryRecord,
} from '../../functions/src/domain/registers.js';

const facts: CaseFacts = {
  caseId: 'c1',
  number: 'ADU-2026-000042',
  // 30 November 2026 23:30 WITA: the office's date is the 30th, its month November.
  createdAt: '2026-11-30T15:30:00.000Z',
  complaintType: 'kks_hilang',
  relation: 'ahli_waris',
  kecamatan: 'Tarakan Barat',
  kelurahan: 'Karang Anyar',
};

const t = (m: number) => new Date(Date.parse('2026-12-01T00:00:00.000Z') + m * 60_000).toISOString();
const step = (n: number, minutes: number, standard: number, ended = true) => ({
  step: n,
  stepMinutes: minutes,
  stepStandardMinutes: standard,
  stepEnded: ended,
});

/** A case that went back once for documents, was sent back by the coordinator, then completed. */
const history: HistoryRecord[] = [
  { seq: 1, action: 'intake', from: null, to: 'intake', at: facts.createdAt, by: 'fo1', byName: 'Fitri FO' },
  { seq: 2, action: 'upload', from: null, to: null, at: t(1), by: 'fo1', byName: 'Fitri FO' },
  { seq: 3, action: 'submit', from: 'intake', to: 'submitted', at: t(2), by: 'fo1', byName: 'Fitri FO', ...step(1, 8, 10) },
  { seq: 4, action: 'returnToApplicant', from: 'submitted', to: 'awaiting_documents', at: t(3), by: 'fo2', byName: 'Fajar FO', ...step(2, 3, 10, false) },
  { seq: 5, action: 'documentsCompleted', from: 'awaiting_documents', to: 'submitted', at: t(90), by: 'fo2', byName: 'Fajar FO', ...step(2, 3, 10, false) },
  { seq: 6, action: 'verify', from: 'submitted', to: 'verified', at: t(95), by: 'fo2', byName: 'Fajar FO', ...step(2, 8.04, 10) },
  { seq: 7, action: 'decideYes', from: 'verified', to: 'drafted', at: t(100), by: 'an1', byName: 'Anis Analis', ...step(3, 12.5, 10) },
  { seq: 8, action: 'requestRevision', from: 'drafted', to: 'verified', at: t(101), by: 'ko1', byName: 'Koko Koor', note: 'Perbaiki', ...step(4, 1, 5) },
  { seq: 9, action: 'decideYes', from: 'verified', to: 'drafted', at: t(104), by: 'an1', byName: 'Anis Analis', ...step(3, 3, 10) },
  { seq: 10, action: 'paraf', from: 'drafted', to: 'initialled', at: t(106), by: 'ko1', byName: 'Koko Koor', ...step(4, 2, 5) },
  { seq: 11, action: 'sign', from: 'initialled', to: 'signed', at: t(108), by: 'kb1', byName: 'Kabid', ...step(5, 2, 5) },
  { seq: 12, action: 'letterIssued', from: 'signed', to: 'signed', at: t(109), by: 'system', byName: 'Sistem', letterNumber: '460/0007/Dinsos-PM/XII/2026' },
  { seq: 13, action: 'letterEmailed', from: 'signed', to: 'signed', at: t(110), by: 'system', byName: 'Sistem' },
  { seq: 14, action: 'recordHandover', from: 'signed', to: 'completed', at: t(111), by: 'fo1', byName: 'Fitri FO', ...step(6, 3, 5) },
];

describe('registerRowOf', () => {
  it('builds the row the SOP asks for: facts, outcome, per step who/when/minutes, officers', () => {
    const row = registerRowOf(facts, history);
    expect(row).toEqual({
      ...facts,
      createdDate: '2026-11-30',
      month: '2026-11',
      state: 'completed',
      stateSeq: 14,
      stateAt: t(111),
      outcome: 'completed',
      closedReason: null,
      finishedAt: t(111),
      letterNumber: '460/0007/Dinsos-PM/XII/2026',
      letterSeq: 12,
      steps: {
        s1: { seq: 3, action: 'submit', by: 'fo1', byName: 'Fitri FO', at: t(2), minutes: 8, standardMinutes: 10, withinStandard: true, ended: true },
        s2: { seq: 6, action: 'verify', by: 'fo2', byName: 'Fajar FO', at: t(95), minutes: 8, standardMinutes: 10, withinStandard: true, ended: true },
        // The last round of the analysis counts (the first took 12.5 minutes).
        s3: { seq: 9, action: 'decideYes', by: 'an1', byName: 'Anis Analis', at: t(104), minutes: 3, standardMinutes: 10, withinStandard: true, ended: true },
        s4: { seq: 10, action: 'paraf', by: 'ko1', byName: 'Koko Koor', at: t(106), minutes: 2, standardMinutes: 5, withinStandard: true, ended: true },
        s5: { seq: 11, action: 'sign', by: 'kb1', byName: 'Kabid', at: t(108), minutes: 2, standardMinutes: 5, withinStandard: true, ended: true },
        s6: { seq: 14, action: 'recordHandover', by: 'fo1', byName: 'Fitri FO', at: t(111), minutes: 3, standardMinutes: 5, withinStandard: true, ended: true },
      },
      officers: ['an1', 'fo1', 'fo2', 'kb1', 'ko1'],
      officerNames: { fo1: 'Fitri FO', fo2: 'Fajar FO', an1: 'Anis Analis', ko1: 'Koko Koor', kb1: 'Kabid' },
      lastSeq: 14,
    });
  });

  it('keeps the time the case became final when later entries (the email) leave the state as it was', () => {
    const later = registerRowOf(facts, [
      ...history,
      { seq: 15, action: 'letterEmailed', from: 'completed', to: 'completed', at: t(200), by: 'system', byName: 'Sistem' },
    ]);
    expect(later).toMatchObject({ state: 'completed', stateSeq: 14, stateAt: t(111), finishedAt: t(111), lastSeq: 15 });
  });

  it('records a closure with its reason and a step over its standard', () => {
    const closed = registerRowOf(facts, [
      history[0]!,
      history[2]!,
      { seq: 4, action: 'verify', from: 'submitted', to: 'verified', at: t(5), by: 'fo1', byName: 'Fitri FO', ...step(2, 2, 10) },
      { seq: 5, action: 'decideNo', from: 'verified', to: 'closed', at: t(30), by: 'an1', byName: 'Anis Analis', note: 'Bukan KPM aktif.', ...step(3, 25, 10) },
    ]);
    expect(closed).toMatchObject({ state: 'closed', outcome: 'closed', closedReason: 'Bukan KPM aktif.', finishedAt: t(30) });
    expect(closed.steps.s3).toMatchObject({ minutes: 25, withinStandard: false });
  });

  it('gives the same row whatever the order and however often entries are delivered', () => {
    const expected = registerRowOf(facts, history);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: history.length - 1 }), { maxLength: 30 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (extra, keys) => {
          // Every entry at least once, some again, in a random order.
          const deliveries = [...history, ...extra.map((i) => history[i]!)]
            .map((e) => ({ e, k: keys.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.e);
          expect(registerRowOf(facts, deliveries)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('clears the letter number when the letter is voided, and keeps the newest', () => {
    const row = emptyRow(facts);
    const issued = applyHistoryEntry(row, { ...history[11]!, seq: 12 });
    const voided = applyHistoryEntry(issued, { seq: 13, action: 'letterVoided', from: 'signed', to: 'initialled', at: t(120), by: 'adm', byName: 'Admin', letterNumber: '460/0007/Dinsos-PM/XII/2026' });
    expect(voided.letterNumber).toBeNull();
    expect(voided.state).toBe('initialled');
    expect(voided.officers).toEqual([]); // the administrator voiding a number did not work the case
    expect(applyHistoryEntry(voided, { ...history[11]!, seq: 12 }).letterNumber).toBeNull();
  });
});

describe('periodBounds', () => {
  it('turns office-local dates into UTC instants (WITA is UTC+8), end exclusive', () => {
    expect(periodBounds({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      fromIso: '2026-10-31T16:00:00.000Z',
      toIso: '2026-11-30T16:00:00.000Z',
    });
    expect(periodBounds({})).toEqual({});
    expect(periodBounds({ to: '2026-12-31' })).toEqual({ toIso: '2026-12-31T16:00:00.000Z' });
  });
});

describe('registerScopeFor', () => {
  it('kabid, koordinator and admin see all; FO and analis their own cases and the whole agenda', () => {
    for (const r of ['kabid', 'koordinator', 'admin'] as const) {
      expect(registerScopeFor([r], 'u', 'cases')).toEqual({ all: true });
      expect(registerScopeFor([r], 'u', 'letters')).toEqual({ all: true });
    }
    expect(registerScopeFor(['fo'], 'u', 'cases')).toEqual({ all: false, uid: 'u' });
    expect(registerScopeFor(['analis'], 'u', 'cases')).toEqual({ all: false, uid: 'u' });
    expect(registerScopeFor(['fo'], 'u', 'letters')).toEqual({ all: true });
    expect(registerScopeFor(['analis'], 'u', 'letters')).toEqual({ all: true });
    expect(() => registerScopeFor([], 'u', 'cases')).toThrow(/tidak memiliki akses/);
    expect(() => registerScopeFor([], 'u', 'letters')).toThrow(/tidak memiliki akses/);
  });
});

describe('the agenda and the columns', () => {
  const entry: AgendaEntry = {
    number: '460/0007/Dinsos-PM/XII/2026',
    year: 2026,
    sequence: 7,
    status: 'valid',
    issuedAt: t(108),
    createdAt: t(109),
    caseId: 'c1',
    caseNumber: 'ADU-2026-000042',
    complaintType: 'kks_hilang',
    signerName: 'Kabid',
    signerTitle: 'Kepala Bidang Sosial',
  };
  const kase = { letter: { number: entry.number, email: { status: 'sent' as const, at: t(110) } }, handover: { method: 'langsung' as const, at: t(111) } };

  it('shows the delivery of the case’s current letter only', () => {
    expect(agendaRowOf('2026-7', entry, kase)).toMatchObject({ email: { status: 'sent', at: t(110) }, handover: { method: 'langsung', at: t(111) } });
    const voided = agendaRowOf('2026-6', { ...entry, number: '460/0006/Dinsos-PM/XII/2026', sequence: 6, status: 'voided', voided: { reason: 'Gagal dibuat', at: t(100) } }, kase);
    expect(voided).toMatchObject({ email: null, handover: null, statusReason: 'Gagal dibuat', statusAt: t(100) });
  });

  it('writes the export columns from the row (labels, local times in the step summary)', () => {
    const row = registerRowOf(facts, history);
    const values = CASE_REGISTER_COLUMNS.map((c) => c.value(row, 0));
    expect(values.slice(0, 12)).toEqual([
      1,
      'ADU-2026-000042',
      facts.createdAt,
      'Ahli waris',
      'KKS hilang',
      'Tarakan Barat',
      'Karang Anyar',
      'Selesai',
      'Selesai',
      null,
      t(111),
      '460/0007/Dinsos-PM/XII/2026',
    ]);
    expect(values.slice(12, 16)).toEqual(['Fitri FO', t(2), 8, 10]);
    // 1 December 2026 00:02 UTC is 08.02 WITA.
    expect(stepSummary(row.steps.s1)).toBe('Fitri FO, 01/12 08.02, 8/10 mnt');
    expect(stepSummary({ ...row.steps.s3!, minutes: 12.5, withinStandard: false })).toBe('Anis Analis, 01/12 09.44, 12,5/10 mnt (lewat)');
    expect(describeFilters('cases', { from: '2026-11-01', to: '2026-11-30', state: 'closed' }, (d) => d)).toEqual([
      'Periode 2026-11-01 s.d. 2026-11-30',
      'Status: Ditutup',
    ]);
  });
});
