import type { CaseState, ComplaintType, ApplicantRelation } from '../../functions/src/domain/vocabulary.js';
import { requiredDocuments } from '../../functions/src/domain/documents.js';
import { adminDb, changesOf, createStaff, type TestStaff } from './admin.js';
import { client } from './client.js';
import { waitFor } from './wait.js';

type Client = Awaited<ReturnType<typeof client>>;

/** Five signed-in clients, one per role, each a different person (as at the office). */
export interface Office {
  fo: Client;
  analis: Client;
  koordinator: Client;
  kabid: Client;
  admin: Client;
  staff: Record<'fo' | 'analis' | 'koordinator' | 'kabid' | 'admin', TestStaff>;
  close: () => Promise<void>;
}

export async function office(): Promise<Office> {
  const roles = ['fo', 'analis', 'koordinator', 'kabid', 'admin'] as const;
  const staff = Object.fromEntries(
    await Promise.all(roles.map(async (r) => [r, await createStaff([r])] as const)),
  ) as Office['staff'];
  const clients = Object.fromEntries(
    await Promise.all(roles.map(async (r) => [r, await client(staff[r])] as const)),
  ) as Record<(typeof roles)[number], Client>;
  return {
    ...clients,
    staff,
    close: async () => {
      await Promise.all(roles.map((r) => clients[r].close()));
    },
  };
}

/** A valid intake form (hand-made identifiers: NIK 6571… is Kota Tarakan, a woman born 05-08-1990). */
export function intakeForm(over: Partial<{ complaintType: ComplaintType; relation: ApplicantRelation; name: string; email: string }> = {}) {
  const complaintType = over.complaintType ?? 'pin_terblokir';
  const relation = over.relation ?? 'kpm';
  const kpmNik = '6571014508900001';
  const applicantNik = relation === 'kpm' ? kpmNik : '6571012304950003';
  return {
    complaintType,
    relation,
    ...(complaintType === 'lainnya' ? { complaintDetail: 'Saldo bantuan tidak masuk selama dua bulan.' } : {}),
    applicant: {
      name: over.name ?? 'Siti Aminah',
      nik: applicantNik,
      phone: '0812-3456-7890',
      email: over.email ?? 'siti.aminah@contoh.example',
      address: { kecamatan: 'Tarakan Tengah', kelurahan: 'Sebengkok', street: 'Jl. Yos Sudarso RT 05 No. 12' },
    },
    kpm: {
      name: relation === 'kpm' ? (over.name ?? 'Siti Aminah') : 'Siti Aminah',
      nik: kpmNik,
      kkNumber: '6571010101200005',
      ...(complaintType === 'kks_hilang' ? {} : { kksNumber: '4111111111111111' }),
      // An heir or a proxy also gives the KPM's own address (printed on the letter).
      ...(relation === 'kpm'
        ? {}
        : { address: { kecamatan: 'Tarakan Utara', kelurahan: 'Juata Laut', street: 'Jl. Aki Babu RT 02 No. 7' } }),
    },
    documentsPresent: [...requiredDocuments(complaintType, relation)],
  };
}

export interface Ref {
  caseId: string;
  expectedVersion: number;
}
interface Moved {
  caseId: string;
  state: CaseState;
  version: number;
}

const ORDER: CaseState[] = ['intake', 'submitted', 'verified', 'drafted', 'initialled', 'signed', 'completed'];

/** The analyst's Ya decision with everything the SOP asks for. */
export const decideYes = (ref: Ref) => ({
  ...ref,
  decision: 'ya' as const,
  assistanceType: 'sembako' as const,
  problem: 'PIN KKS terblokir setelah tiga kali salah memasukkan PIN di E-Warung.',
  solution: 'Diterbitkan surat keterangan untuk pembukaan blokir PIN di Bank Himbara penerbit KKS.',
  siksNgUpdate: { done: true, reference: 'SIKSNG-2026-11-0042' },
  kpmEducated: true as const,
  draft: {
    summary: 'PIN KKS KPM terblokir.',
    outcome: 'KPM tercatat sebagai penerima Program Sembako dan berhak atas pembukaan blokir PIN KKS.',
  },
});

/**
 * Drives a new case through the real callables, one role each, up to `target`
 * (a state on the main path: intake … completed). Returns the case id, state and version.
 */
export async function driveCase(o: Office, target: CaseState, form = intakeForm()): Promise<Moved> {
  const created = await o.fo.call<Moved & { number: string }>('createCase', form);
  let cur: Moved = { caseId: created.caseId, state: 'intake', version: created.version };
  const ref = (): Ref => ({ caseId: cur.caseId, expectedVersion: cur.version });
  const required = requiredDocuments(form.complaintType, form.relation);
  const steps: Record<string, () => Promise<Moved>> = {
    intake: () => o.fo.call('submitCase', ref()),
    submitted: () => o.fo.call('verifyCase', { ...ref(), checks: required.map((kind) => ({ kind, ok: true })) }),
    verified: () => o.analis.call('decideCase', decideYes(ref())),
    drafted: () => o.koordinator.call('parafCase', ref()),
    initialled: () => o.kabid.call('signCase', { ...ref(), confirm: true }),
    // Hand-over needs the letter the trigger renders after signing: wait for it (deadline, no sleep guess).
    signed: async () => {
      const kase = adminDb.doc(`cases/${cur.caseId}`);
      await waitFor(
        `the letter of ${cur.caseId} (rendered within 60 s)`,
        async () => ((await kase.get()).get('letter.status') === 'rendered' ? true : undefined),
        60_000,
        { wakeOn: changesOf(kase) },
      );
      return o.fo.call('recordHandover', { ...ref(), method: 'langsung', receivedBy: form.applicant.name });
    },
  };
  while (ORDER.indexOf(cur.state) < ORDER.indexOf(target)) {
    const next = steps[cur.state];
    if (!next) throw new Error(`driveCase cannot move on from ${cur.state} (target ${target})`);
    cur = await next();
  }
  return cur;
}
