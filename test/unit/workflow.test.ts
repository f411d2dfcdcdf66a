import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/src/domain/errors.js';
import {
  CASE_STATES,
  ROLES,
  type CaseState,
  type DocumentKind,
  type Role,
} from '../../functions/src/domain/vocabulary.js';
import { DEFAULT_SETTINGS, mergeSettings, type OfficeSettings } from '../../functions/src/domain/settings.js';
import {
  ACTIONS,
  allowedActions,
  assertVersion,
  emptyChecklist,
  planIntake,
  planTransition,
  type ActionInput,
  type ActionName,
  type Actor,
  type CaseSnapshot,
  type IntakeInput,
} from '../../functions/src/domain/workflow.js';

// ---------------------------------------------------------------------------------------------
// Expectations written from DESIGN.md's state table (independent of TRANSITIONS).

/** `${state}:${action}` → the one role that may do it and where it leads. */
const LEGAL: Record<string, { role: Role; to: CaseState }> = {
  'intake:submit': { role: 'fo', to: 'submitted' },
  'submitted:verify': { role: 'fo', to: 'verified' },
  'submitted:returnToApplicant': { role: 'fo', to: 'awaiting_documents' },
  'awaiting_documents:documentsCompleted': { role: 'fo', to: 'submitted' },
  'verified:decideYes': { role: 'analis', to: 'drafted' },
  'verified:decideNo': { role: 'analis', to: 'submitted' }, // with destination 'fo' (see validInput)
  'drafted:paraf': { role: 'koordinator', to: 'initialled' },
  'drafted:requestRevision': { role: 'koordinator', to: 'verified' },
  'initialled:sign': { role: 'kabid', to: 'signed' },
  'initialled:requestRevision': { role: 'kabid', to: 'verified' },
  'signed:recordHandover': { role: 'fo', to: 'completed' },
};

/** Roles that may take each action somewhere. */
const ACTION_ROLES: Record<ActionName, Role[]> = {
  submit: ['fo'],
  verify: ['fo'],
  returnToApplicant: ['fo'],
  documentsCompleted: ['fo'],
  decideYes: ['analis'],
  decideNo: ['analis'],
  paraf: ['koordinator'],
  requestRevision: ['koordinator', 'kabid'],
  sign: ['kabid'],
  recordHandover: ['fo'],
};

// ---------------------------------------------------------------------------------------------
// Factories

/** Monday 2 March 2026, 08:00 WITA. */
const MON_0800 = new Date('2026-03-02T00:00:00Z');
const minutesAfter = (d: Date, m: number): Date => new Date(d.getTime() + m * 60_000);

const actor = (roles: Role[], uid = 'u-1'): Actor => ({
  uid,
  name: 'Petugas Uji',
  roles,
  nip: '198001012005011001',
});

const REQUIRED_PIN_KPM: DocumentKind[] = ['ktp_kk', 'kks', 'buku_tabungan'];

/** A case in `state` whose guards for the state's legal actions are all satisfied. */
function caseIn(state: CaseState, over: Partial<CaseSnapshot> = {}): CaseSnapshot {
  const docs = emptyChecklist();
  const checked = !['intake', 'submitted', 'awaiting_documents'].includes(state);
  for (const k of REQUIRED_PIN_KPM) {
    docs[k] = {
      present: true,
      check: checked ? { ok: true, by: 'fo-1', at: '2026-03-01T00:00:00.000Z' } : null,
    };
  }
  const hasDraft = ['drafted', 'initialled', 'signed', 'completed'].includes(state);
  const at = '2026-03-01T00:00:00.000Z';
  return {
    id: 'case-1',
    number: 'ADU-2026-000001',
    state,
    version: 7,
    complaintType: 'pin_terblokir',
    complaintDetail: '',
    relation: 'kpm',
    applicant: {
      name: 'Siti Aminah',
      nik: '6571014508900001',
      phone: '+6281234567890',
      email: 'siti@contoh.example',
      address: { kecamatan: 'Tarakan Tengah', kelurahan: 'Sebengkok', street: 'Jl. Contoh RT 01' },
    },
    kpm: {
      name: 'Siti Aminah',
      nik: '6571014508900001',
      kkNumber: '6571010101200005',
      kksNumber: '4111111111111111',
    },
    documents: docs,
    sopWarnings: [],
    identifierWarnings: [],
    analysis: hasDraft
      ? {
          assistanceType: 'sembako',
          problem: 'PIN terblokir',
          solution: 'Reset PIN di bank',
          siksNgUpdate: { done: true, reference: 'SIKS-1' },
          kpmEducated: true,
          draft: { summary: 'PIN KKS terblokir', outcome: 'Mohon bank membuka blokir PIN' },
          by: 'an-1',
          byName: 'Analis',
          at,
        }
      : null,
    paraf: ['initialled', 'signed', 'completed'].includes(state)
      ? { uid: 'ko-1', name: 'Koordinator', at }
      : null,
    signature: ['signed', 'completed'].includes(state) ? { uid: 'kb-1', name: 'Kabid', at } : null,
    letter: ['signed', 'completed'].includes(state)
      ? { status: 'rendered', number: '460/0001/Dinsos-PM/III/2026' }
      : null,
    handover: null,
    clock: {
      step: state === 'awaiting_documents' ? 'submitted' : state,
      stepStartedAt: MON_0800.toISOString(),
      elapsedBeforePauseMinutes: state === 'awaiting_documents' ? 4 : 0,
      paused: state === 'awaiting_documents' || state === 'completed' || state === 'closed',
    },
    createdAt: at,
    createdBy: 'fo-1',
    createdByName: 'FO',
    updatedAt: at,
    updatedBy: 'fo-1',
    ...over,
  };
}

/** A valid payload for each action. */
function validInput(action: ActionName): ActionInput {
  switch (action) {
    case 'submit':
      return { action };
    case 'verify':
      return { action, checks: REQUIRED_PIN_KPM.map((kind) => ({ kind, ok: true })) };
    case 'returnToApplicant':
      return { action, reason: 'Fotokopi KKS tidak terbaca', missing: ['kks'] };
    case 'documentsCompleted':
      return { action, received: [] };
    case 'decideYes':
      return {
        action,
        assistanceType: 'sembako',
        problem: 'PIN KKS terblokir setelah tiga kali salah',
        solution: 'Surat keterangan untuk pembukaan blokir di bank penyalur',
        siksNgUpdate: { done: true, reference: 'SIKSNG-2026-0042' },
        kpmEducated: true,
        draft: {
          summary: 'PIN KKS terblokir',
          outcome: 'Mohon bank penyalur membuka blokir PIN KKS yang bersangkutan.',
        },
      };
    case 'decideNo':
      return { action, reason: 'Data KPM tidak ditemukan di DTKS', destination: 'fo' };
    case 'paraf':
      return { action };
    case 'sign':
      return { action };
    case 'requestRevision':
      return { action, note: 'Perbaiki nama bank penyalur' };
    case 'recordHandover':
      return { action, method: 'langsung', receivedBy: 'Siti Aminah' };
  }
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'ok';
}

function errorOf(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

const plan = (
  kase: CaseSnapshot,
  input: ActionInput,
  roles: Role[] = ['fo', 'analis', 'koordinator', 'kabid'],
  now: Date = minutesAfter(MON_0800, 3),
  settings: OfficeSettings = DEFAULT_SETTINGS,
) => planTransition(kase, actor(roles), input, now, settings);

// ---------------------------------------------------------------------------------------------

describe('planTransition: every role × state × action', () => {
  const rows = ROLES.flatMap((role) =>
    CASE_STATES.flatMap((state) => ACTIONS.map((action) => ({ role, state, action }))),
  );
  it('covers 5 roles × 9 states × 10 actions', () => expect(rows).toHaveLength(450));

  it.each(rows)('$role / $state / $action', ({ role, state, action }) => {
    const legal = LEGAL[`${state}:${action}`];
    const run = () => plan(caseIn(state), validInput(action), [role]);
    if (legal && legal.role === role) {
      const p = run();
      expect(p.from).toBe(state);
      expect(p.to).toBe(legal.to);
      expect(p.patch.state).toBe(legal.to);
      expect(p.patch.version).toBe(8);
      expect(p.history.action).toBe(action);
      expect(p.history.actedAs).toBe(role);
    } else if (!ACTION_ROLES[action].includes(role)) {
      expect(codeOf(run)).toBe('permission-denied');
    } else if (!legal) {
      expect(codeOf(run)).toBe('failed-precondition');
    } else {
      // Legal from this state, but for another role (requestRevision of the other reviewer).
      expect(codeOf(run)).toBe('permission-denied');
    }
  });

  it('decideNo with destination close leads to closed', () => {
    const p = plan(
      caseIn('verified'),
      { action: 'decideNo', reason: 'Bukan KPM terdaftar', destination: 'close' },
      ['analis'],
    );
    expect(p.to).toBe('closed');
    expect(p.patch.closure?.reason).toBe('Bukan KPM terdaftar');
    expect(p.patch.clock?.paused).toBe(true);
  });

  it('admin alone can do nothing; admin + fo acts as fo', () => {
    for (const state of CASE_STATES) {
      for (const action of ACTIONS) {
        expect(codeOf(() => plan(caseIn(state), validInput(action), ['admin']))).toBe('permission-denied');
      }
    }
    expect(plan(caseIn('intake'), { action: 'submit' }, ['admin', 'fo']).history.actedAs).toBe('fo');
  });

  it('a person holding koordinator and kabid may revise an initialled draft (as kabid)', () => {
    const p = plan(caseIn('initialled'), validInput('requestRevision'), ['koordinator', 'kabid']);
    expect(p.to).toBe('verified');
    expect(p.history.actedAs).toBe('kabid');
  });

  it('refuses an unknown action with invalid-argument', () => {
    const bogus = { action: 'approveAll' } as unknown as ActionInput;
    expect(codeOf(() => plan(caseIn('intake'), bogus))).toBe('invalid-argument');
  });

  it('does not mutate the case', () => {
    const kase = caseIn('submitted');
    const before = structuredClone(kase);
    plan(kase, validInput('verify'));
    plan(kase, validInput('returnToApplicant'));
    expect(kase).toEqual(before);
  });
});

describe('allowedActions', () => {
  it.each(CASE_STATES.flatMap((state) => ROLES.map((role) => ({ state, role }))))(
    '$state for $role',
    ({ state, role }) => {
      const expected = ACTIONS.filter((a) => LEGAL[`${state}:${a}`]?.role === role);
      expect(allowedActions(state, [role])).toEqual(expected);
    },
  );

  it('unions the actions of several roles', () => {
    expect(allowedActions('initialled', ['koordinator', 'kabid'])).toEqual(['requestRevision', 'sign']);
    expect(allowedActions('verified', ['fo', 'analis'])).toEqual(['decideYes', 'decideNo']);
    expect(allowedActions('completed', [...ROLES])).toEqual([]);
  });
});

describe('assertVersion', () => {
  it('passes on the same version and aborts on a stale one', () => {
    expect(() => assertVersion(caseIn('intake'), 7)).not.toThrow();
    expect(codeOf(() => assertVersion(caseIn('intake'), 6))).toBe('aborted');
  });
});

describe('guards', () => {
  describe('submit', () => {
    it('requires every document of the checklist, naming the missing ones', () => {
      const kase = caseIn('intake');
      kase.documents.kks = { present: false, check: null };
      const e = errorOf(() => plan(kase, { action: 'submit' }));
      expect(e.code).toBe('failed-precondition');
      expect(e.message).toContain('Fotokopi KKS');
      expect(e.details).toEqual({ missing: ['kks'] });
    });

    it('takes the checklist from the payload when given, and writes it', () => {
      const kase = caseIn('intake', { documents: emptyChecklist() });
      const p = plan(kase, { action: 'submit', present: ['ktp_kk', 'kks', 'buku_tabungan'] });
      expect(p.to).toBe('submitted');
      expect(p.patch.documents?.kks.present).toBe(true);
      expect(p.patch.documents?.surat_kuasa.present).toBe(false);
    });

    it('a proxy with a lost card needs KTP/KK, savings book and power of attorney', () => {
      const kase = caseIn('intake', {
        complaintType: 'kks_hilang',
        relation: 'kuasa',
        documents: emptyChecklist(),
      });
      const e = errorOf(() => plan(kase, { action: 'submit', present: ['ktp_kk', 'buku_tabungan'] }));
      expect(e.code).toBe('failed-precondition');
      expect(e.details).toEqual({ missing: ['surat_kuasa'] });
      expect(e.message).toContain('Surat Kuasa');
      expect(plan(kase, { action: 'submit', present: ['ktp_kk', 'buku_tabungan', 'surat_kuasa'] }).to).toBe(
        'submitted',
      );
    });

    it('a deceased KPM needs the heir letter and the death certificate', () => {
      const kase = caseIn('intake', { complaintType: 'kpm_meninggal', relation: 'ahli_waris' });
      const e = errorOf(() => plan(kase, { action: 'submit' }));
      expect(e.details).toEqual({ missing: ['surat_ahli_waris', 'surat_kematian'] });
    });

    it('follows the required-documents settings', () => {
      const settings = mergeSettings({ requiredDocuments: { pin_terblokir: { kpm: ['ktp_kk'] } } });
      const kase = caseIn('intake', { documents: emptyChecklist() });
      expect(() =>
        plan(kase, { action: 'submit', present: ['ktp_kk'] }, ['fo'], MON_0800, settings),
      ).not.toThrow();
      expect(codeOf(() => plan(kase, { action: 'submit', present: ['ktp_kk'] }))).toBe('failed-precondition');
    });

    it('refuses an unknown document kind', () => {
      const bad = { action: 'submit', present: ['ktp_kk', 'paspor'] } as unknown as ActionInput;
      expect(codeOf(() => plan(caseIn('intake'), bad))).toBe('invalid-argument');
    });
  });

  describe('verify', () => {
    it('requires an OK check of every required document', () => {
      const e = errorOf(() =>
        plan(caseIn('submitted'), {
          action: 'verify',
          checks: [
            { kind: 'ktp_kk', ok: true },
            { kind: 'kks', ok: false, note: 'buram' },
          ],
        }),
      );
      expect(e.code).toBe('failed-precondition');
      expect(e.details).toEqual({ unverified: ['kks', 'buku_tabungan'] });
      expect(e.message).toContain('Fotokopi KKS');
      expect(e.message).toContain('Fotokopi Buku Tabungan');
    });

    it('refuses a document checked twice', () => {
      const checks = [
        ...REQUIRED_PIN_KPM.map((kind) => ({ kind, ok: true })),
        { kind: 'kks' as const, ok: true },
      ];
      expect(codeOf(() => plan(caseIn('submitted'), { action: 'verify', checks }))).toBe('invalid-argument');
    });

    it('refuses declaring OK a document that is not present', () => {
      const checks = [
        ...REQUIRED_PIN_KPM.map((kind) => ({ kind, ok: true })),
        { kind: 'surat_kuasa' as const, ok: true },
      ];
      expect(codeOf(() => plan(caseIn('submitted'), { action: 'verify', checks }))).toBe(
        'failed-precondition',
      );
    });

    it('records each check with who and when', () => {
      const now = minutesAfter(MON_0800, 6);
      const p = plan(caseIn('submitted'), validInput('verify'), ['fo'], now);
      expect(p.patch.documents?.kks.check).toEqual({ ok: true, by: 'u-1', at: now.toISOString() });
      expect(p.patch.sentBack).toBeNull();
    });
  });

  describe('returnToApplicant and documentsCompleted', () => {
    it('needs a reason and at least one missing document', () => {
      expect(
        codeOf(() =>
          plan(caseIn('submitted'), { action: 'returnToApplicant', reason: '  ', missing: ['kks'] }),
        ),
      ).toBe('invalid-argument');
      expect(
        codeOf(() =>
          plan(caseIn('submitted'), { action: 'returnToApplicant', reason: 'Kurang', missing: [] }),
        ),
      ).toBe('invalid-argument');
    });

    it('marks the missing documents absent and keeps why', () => {
      const p = plan(caseIn('submitted'), validInput('returnToApplicant'));
      expect(p.patch.documents?.kks).toEqual({ present: false, check: null });
      expect(p.patch.documents?.ktp_kk.present).toBe(true);
      expect(p.patch.sentBack).toMatchObject({
        action: 'returnToApplicant',
        missing: ['kks'],
        reason: 'Fotokopi KKS tidak terbaca',
      });
      expect(p.history.note).toBe('Fotokopi KKS tidak terbaca');
    });

    it('documents completed requires the missing documents to be brought', () => {
      const waiting = caseIn('awaiting_documents');
      waiting.documents.kks = { present: false, check: null };
      const e = errorOf(() => plan(waiting, { action: 'documentsCompleted', received: [] }));
      expect(e.code).toBe('failed-precondition');
      expect(e.message).toContain('Fotokopi KKS');
      const p = plan(waiting, { action: 'documentsCompleted', received: ['kks'] });
      expect(p.to).toBe('submitted');
      expect(p.patch.documents?.kks).toEqual({ present: true, check: null });
      expect(p.patch.sentBack).toBeNull();
    });
  });

  describe('decideYes', () => {
    const base = validInput('decideYes') as Extract<ActionInput, { action: 'decideYes' }>;
    it.each([
      ['blank problem', { ...base, problem: ' ' }, 'invalid-argument'],
      ['blank solution', { ...base, solution: '' }, 'invalid-argument'],
      [
        'SIKS-NG updated without reference',
        { ...base, siksNgUpdate: { done: true, reference: ' ' } },
        'invalid-argument',
      ],
      [
        'SIKS-NG not updated without a note',
        { ...base, siksNgUpdate: { done: false, reference: '' } },
        'invalid-argument',
      ],
      ['blank draft outcome', { ...base, draft: { summary: 'x', outcome: '' } }, 'invalid-argument'],
      ['unknown assistance type', { ...base, assistanceType: 'blt' }, 'invalid-argument'],
      ['KPM not educated', { ...base, kpmEducated: false }, 'failed-precondition'],
    ])('%s → %s', (_label, input, code) => {
      expect(codeOf(() => plan(caseIn('verified'), input as unknown as ActionInput, ['analis']))).toBe(code);
    });

    it('accepts "no SIKS-NG update" with a note, and records the analysis', () => {
      const p = plan(
        caseIn('verified'),
        { ...base, siksNgUpdate: { done: false, reference: '', note: 'Data sudah sesuai' } },
        ['analis'],
      );
      expect(p.to).toBe('drafted');
      expect(p.patch.analysis).toMatchObject({
        assistanceType: 'sembako',
        siksNgUpdate: { done: false, note: 'Data sudah sesuai' },
        kpmEducated: true,
        by: 'u-1',
      });
      expect(p.patch.paraf).toBeNull();
    });
  });

  describe('decideNo', () => {
    it('needs a reason and a known destination', () => {
      expect(
        codeOf(() =>
          plan(caseIn('verified'), { action: 'decideNo', reason: '', destination: 'fo' }, ['analis']),
        ),
      ).toBe('invalid-argument');
      const bad = { action: 'decideNo', reason: 'x', destination: 'kabid' } as unknown as ActionInput;
      expect(codeOf(() => plan(caseIn('verified'), bad, ['analis']))).toBe('invalid-argument');
    });

    it('back to FO keeps the reason for the FO', () => {
      const p = plan(caseIn('verified'), validInput('decideNo'), ['analis']);
      expect(p.to).toBe('submitted');
      expect(p.patch.sentBack).toMatchObject({
        action: 'decideNo',
        reason: 'Data KPM tidak ditemukan di DTKS',
      });
      expect(p.patch.clock).toMatchObject({ step: 'submitted', paused: false, elapsedBeforePauseMinutes: 0 });
    });
  });

  describe('paraf, revision and sign', () => {
    it('paraf records who and when', () => {
      const now = minutesAfter(MON_0800, 2);
      const p = plan(caseIn('drafted'), { action: 'paraf' }, ['koordinator'], now);
      expect(p.patch.paraf).toEqual({
        uid: 'u-1',
        name: 'Petugas Uji',
        nip: '198001012005011001',
        at: now.toISOString(),
      });
    });

    it('paraf needs a draft', () => {
      expect(
        codeOf(() => plan(caseIn('drafted', { analysis: null }), { action: 'paraf' }, ['koordinator'])),
      ).toBe('failed-precondition');
    });

    it('sign needs the paraf, records the signature and asks for the letter', () => {
      expect(codeOf(() => plan(caseIn('initialled', { paraf: null }), { action: 'sign' }, ['kabid']))).toBe(
        'failed-precondition',
      );
      const p = plan(caseIn('initialled'), { action: 'sign' }, ['kabid']);
      expect(p.patch.signature?.uid).toBe('u-1');
      // Due now: the sweeper finds a letter whose trigger event was lost.
      expect(p.patch.letter).toEqual({ status: 'pending', dueAt: p.patch.updatedAt });
    });

    it('revision needs a note and clears the paraf', () => {
      expect(
        codeOf(() => plan(caseIn('initialled'), { action: 'requestRevision', note: ' ' }, ['kabid'])),
      ).toBe('invalid-argument');
      const p = plan(caseIn('initialled'), validInput('requestRevision'), ['kabid']);
      expect(p.patch.paraf).toBeNull();
      expect(p.patch.sentBack).toMatchObject({
        action: 'requestRevision',
        reason: 'Perbaiki nama bank penyalur',
      });
      expect(p.history.note).toBe('Perbaiki nama bank penyalur');
    });
  });

  describe('recordHandover', () => {
    it.each(['pending', 'rendering', 'failed'] as const)('refuses while the letter is %s', (status) => {
      const e = errorOf(() =>
        plan(caseIn('signed', { letter: { status } }), validInput('recordHandover'), ['fo']),
      );
      expect(e.code).toBe('failed-precondition');
      expect(e.message).toContain('Surat Keterangan');
    });

    it('refuses without any letter', () => {
      expect(
        codeOf(() => plan(caseIn('signed', { letter: null }), validInput('recordHandover'), ['fo'])),
      ).toBe('failed-precondition');
    });

    it('refuses e-mail hand-over when the applicant has no e-mail', () => {
      const kase = caseIn('signed');
      delete kase.applicant.email;
      const input: ActionInput = { action: 'recordHandover', method: 'email', receivedBy: 'Siti Aminah' };
      expect(codeOf(() => plan(kase, input, ['fo']))).toBe('failed-precondition');
    });

    it('needs who received it, and records the hand-over', () => {
      expect(
        codeOf(() =>
          plan(caseIn('signed'), { action: 'recordHandover', method: 'langsung', receivedBy: '' }, ['fo']),
        ),
      ).toBe('invalid-argument');
      const now = minutesAfter(MON_0800, 4);
      const p = plan(
        caseIn('signed'),
        {
          action: 'recordHandover',
          method: 'langsung',
          receivedBy: 'Siti Aminah',
          note: 'Diterima di loket',
        },
        ['fo'],
        now,
      );
      expect(p.to).toBe('completed');
      expect(p.patch.handover).toEqual({
        method: 'langsung',
        receivedBy: 'Siti Aminah',
        note: 'Diterima di loket',
        by: 'u-1',
        byName: 'Petugas Uji',
        at: now.toISOString(),
      });
      expect(p.patch.clock).toEqual({
        step: 'completed',
        stepStartedAt: now.toISOString(),
        elapsedBeforePauseMinutes: 0,
        paused: true,
      });
    });
  });
});

describe('the SOP clock in transitions', () => {
  it('records the office minutes of the step being left and starts the next one', () => {
    const now = minutesAfter(MON_0800, 12); // Monday 08:12 WITA
    const p = plan(caseIn('verified'), validInput('decideYes'), ['analis'], now);
    expect(p.history).toMatchObject({ step: 3, stepMinutes: 12, stepStandardMinutes: 10, stepEnded: true });
    expect(p.patch.clock).toEqual({
      step: 'drafted',
      stepStartedAt: now.toISOString(),
      elapsedBeforePauseMinutes: 0,
      paused: false,
    });
  });

  it('uses the standards from settings', () => {
    const settings = mergeSettings({ timeStandards: { drafted: 7 } });
    const p = plan(
      caseIn('drafted'),
      { action: 'paraf' },
      ['koordinator'],
      minutesAfter(MON_0800, 1),
      settings,
    );
    expect(p.history).toMatchObject({ step: 4, stepStandardMinutes: 7 });
  });

  it('pauses step 2 while waiting for the applicant and resumes it with the minutes spent', () => {
    // Submitted at Monday 08:00 WITA; returned at 08:04.
    const submitted = caseIn('submitted');
    const ret = plan(submitted, validInput('returnToApplicant'), ['fo'], minutesAfter(MON_0800, 4));
    expect(ret.patch.clock).toEqual({
      step: 'submitted',
      stepStartedAt: minutesAfter(MON_0800, 4).toISOString(),
      elapsedBeforePauseMinutes: 4,
      paused: true,
    });
    expect(ret.history).toMatchObject({ step: 2, stepMinutes: 4, stepEnded: false });

    // The applicant comes back on Tuesday 09:00 WITA (2026-03-03T01:00Z): nothing counted meanwhile.
    const waiting: CaseSnapshot = { ...submitted, ...ret.patch };
    const tue0900 = new Date('2026-03-03T01:00:00Z');
    const back = plan(waiting, { action: 'documentsCompleted', received: ['kks'] }, ['fo'], tue0900);
    expect(back.patch.clock).toEqual({
      step: 'submitted',
      stepStartedAt: tue0900.toISOString(),
      elapsedBeforePauseMinutes: 4,
      paused: false,
    });
    expect(back.history).toMatchObject({ step: 2, stepMinutes: 4, stepEnded: false });

    // Verified at Tuesday 09:03: step 2 took 4 + 3 = 7 office minutes.
    const resubmitted: CaseSnapshot = { ...waiting, ...back.patch };
    const done = plan(resubmitted, validInput('verify'), ['fo'], minutesAfter(tue0900, 3));
    expect(done.history).toMatchObject({ step: 2, stepMinutes: 7, stepStandardMinutes: 10, stepEnded: true });
    expect(done.patch.version).toBe(10);
  });
});

describe('planIntake', () => {
  const input = (): IntakeInput => ({
    complaintType: 'kks_hilang',
    relation: 'kuasa',
    applicant: {
      name: ' Budi Santoso ',
      nik: '6571 0123 0495 0003',
      phone: '0812-3456-7890',
      email: 'Budi@Contoh.Example',
      address: { kecamatan: 'Tarakan Barat', kelurahan: 'Karang Anyar', street: 'Jl. Mulawarman RT 05' },
    },
    kpm: {
      name: 'Siti Aminah',
      nik: '6571014508900001',
      kkNumber: '6571010101200005',
      kksNumber: '4111111111111112',
      // A proxy applies: the KPM's own address is recorded too (printed on the letter).
      address: { kecamatan: 'Tarakan Utara', kelurahan: 'Juata Laut', street: 'Jl. Aki Babu RT 02' },
    },
    documentsPresent: ['ktp_kk', 'surat_kuasa'],
  });

  it('builds the case in intake with normalised identifiers, warnings and a started clock', () => {
    const c = planIntake(input(), actor(['fo']), MON_0800, DEFAULT_SETTINGS);
    expect(c.state).toBe('intake');
    expect(c.version).toBe(1);
    expect(c.applicant).toEqual({
      name: 'Budi Santoso',
      nik: '6571012304950003',
      phone: '+6281234567890',
      email: 'Budi@contoh.example',
      address: { kecamatan: 'Tarakan Barat', kelurahan: 'Karang Anyar', street: 'Jl. Mulawarman RT 05' },
    });
    expect(c.sopWarnings).toEqual(['penggantianKks', 'pengambilanKuasa']);
    expect(c.identifierWarnings).toHaveLength(1); // 4111111111111112 fails Luhn
    expect(c.documents.surat_kuasa).toEqual({ present: true, check: null });
    expect(c.documents.buku_tabungan).toEqual({ present: false, check: null });
    expect(c.clock).toEqual({
      step: 'intake',
      stepStartedAt: MON_0800.toISOString(),
      elapsedBeforePauseMinutes: 0,
      paused: false,
    });
    expect(c.createdBy).toBe('u-1');
  });

  it("records the KPM's own address for a proxy or an heir, and requires it; not for the KPM in person", () => {
    const c = planIntake(input(), actor(['fo']), MON_0800, DEFAULT_SETTINGS);
    expect(c.kpm.address).toEqual({ kecamatan: 'Tarakan Utara', kelurahan: 'Juata Laut', street: 'Jl. Aki Babu RT 02' });
    const missing = input();
    delete missing.kpm.address;
    const e = errorOf(() => planIntake(missing, actor(['fo']), MON_0800, DEFAULT_SETTINGS));
    expect(Object.keys((e.details as { fields: Record<string, string> }).fields).sort()).toEqual([
      'kpm.address.kecamatan',
      'kpm.address.street',
    ]);
    expect(e.message).toContain('Alamat KPM (jalan, RT/RW) wajib diisi.');
    const self = input();
    self.relation = 'kpm';
    self.applicant.nik = self.kpm.nik;
    expect(planIntake(self, actor(['fo']), MON_0800, DEFAULT_SETTINGS).kpm.address).toBeUndefined();
  });

  it('accepts every name the letter can print (Ḥ typed as H + a combining dot is stored composed) and refuses, naming them, characters it cannot', () => {
    const ok = input();
    ok.kpm.name = 'Almh. Wa Ode Sitti H\u0323alimah';
    expect(planIntake(ok, actor(['fo']), MON_0800, DEFAULT_SETTINGS).kpm.name).toBe('Almh. Wa Ode Sitti Ḥalimah');
    const bad = input();
    bad.kpm.name = 'Siti 😀 Aminah';
    bad.applicant.address.street = 'Jl. 中山 RT 01';
    const e = errorOf(() => planIntake(bad, actor(['fo']), MON_0800, DEFAULT_SETTINGS));
    const fields = (e.details as { fields: Record<string, string> }).fields;
    expect(fields['kpm.name']).toBe(
      'Nama KPM memuat karakter yang tidak dapat dicetak pada Surat Keterangan: "😀" (U+1F600). Tuliskan dengan huruf Latin (boleh dengan tanda diakritik) sesuai dokumen kependudukan.',
    );
    expect(fields['applicant.address.street']).toMatch(/"中" \(U\+4E2D\), "山" \(U\+5C71\)/);
  });

  it('only the FO records a complaint', () => {
    expect(codeOf(() => planIntake(input(), actor(['analis', 'admin']), MON_0800, DEFAULT_SETTINGS))).toBe(
      'permission-denied',
    );
  });

  it('lists every bad field in one invalid-argument', () => {
    const bad = input();
    bad.applicant.nik = '6571013102900001'; // 31 February
    bad.applicant.phone = '0551-21234'; // landline
    bad.applicant.address.kelurahan = 'Sebengkok'; // is in Tarakan Tengah
    bad.kpm.kkNumber = '123';
    const e = errorOf(() => planIntake(bad, actor(['fo']), MON_0800, DEFAULT_SETTINGS));
    expect(e.code).toBe('invalid-argument');
    expect(Object.keys((e.details as { fields: Record<string, string> }).fields).sort()).toEqual([
      'applicant.address.kelurahan',
      'applicant.nik',
      'applicant.phone',
      'kpm.kkNumber',
    ]);
  });

  it('the KPM applying in person must give the KPM NIK; a proxy must not', () => {
    const self = { ...input(), relation: 'kpm' as const };
    expect(codeOf(() => planIntake(self, actor(['fo']), MON_0800, DEFAULT_SETTINGS))).toBe(
      'invalid-argument',
    );
    const proxy = input();
    proxy.applicant.nik = proxy.kpm.nik;
    expect(codeOf(() => planIntake(proxy, actor(['fo']), MON_0800, DEFAULT_SETTINGS))).toBe(
      'invalid-argument',
    );
  });

  it('"Lainnya" needs a description', () => {
    const other = { ...input(), complaintType: 'lainnya' as const };
    expect(codeOf(() => planIntake(other, actor(['fo']), MON_0800, DEFAULT_SETTINGS))).toBe(
      'invalid-argument',
    );
    const c = planIntake(
      { ...other, complaintDetail: 'Saldo tidak masuk' },
      actor(['fo']),
      MON_0800,
      DEFAULT_SETTINGS,
    );
    expect(c.complaintDetail).toBe('Saldo tidak masuk');
  });
});
