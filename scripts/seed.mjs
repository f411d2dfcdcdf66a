/**
 * Demo data for `npm start`: one staff account per role and (once the workflow callables exist) a
 * few cases in every state, created through the real callables so that history and numbers are
 * genuine. Runs against the emulators; does nothing when the demo accounts already exist.
 */
import { initializeApp as initAdmin } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { PROJECT_ID } from './lib.mjs';
import { seedSurvey } from './seedSurvey.mjs';

export const DEMO_PASSWORD = 'Tarakan2026!';
export const DEMO_STAFF = [
  { email: 'fo@demo.dinsos-tarakan.id', name: 'Rina Marlina', roles: ['fo'], nip: '199003122015032004', title: 'Petugas Front Office' },
  { email: 'analis@demo.dinsos-tarakan.id', name: 'Andi Saputra', roles: ['analis'], nip: '198807152012121002', title: 'Analis Pemberdayaan Sosial' },
  { email: 'koordinator@demo.dinsos-tarakan.id', name: 'Hj. Nurhayati, S.Sos.', roles: ['koordinator'], nip: '197905202005022003', title: 'Koordinator Dayasos' },
  { email: 'kabid@demo.dinsos-tarakan.id', name: 'Drs. H. Muhammad Yusuf, M.Si.', roles: ['kabid'], nip: '197204101998031006', title: 'Kepala Bidang Sosial' },
  { email: 'admin@demo.dinsos-tarakan.id', name: 'Admin Sistem', roles: ['admin'], nip: '', title: 'Administrator' },
];

export async function seed({ log = console.log } = {}) {
  const app = initAdmin({ projectId: PROJECT_ID }, `seed-${Date.now()}`);
  const auth = getAuth(app);
  const db = getFirestore(app);
  let created = 0;
  for (const s of DEMO_STAFF) {
    let user;
    try {
      user = await auth.getUserByEmail(s.email);
      continue;
    } catch {
      user = await auth.createUser({ email: s.email, password: DEMO_PASSWORD, displayName: s.name });
    }
    await auth.setCustomUserClaims(user.uid, { roles: s.roles });
    await db.collection('users').doc(user.uid).set({
      name: s.name,
      email: s.email,
      roles: s.roles,
      nip: s.nip,
      title: s.title,
      active: true,
      createdAt: new Date().toISOString(),
    });
    created++;
  }
  if (created > 0) log(`[seed] created ${created} demo staff accounts`);
  const anyCase = await db.collection('cases').limit(1).get();
  let cases = 0;
  if (anyCase.empty) {
    cases = await seedCases(db, log);
    log(`[seed] created ${cases} demo cases across every state`);
    // A year of backdated cases for the monthly report (scripts/seedReports.mjs).
    const { seedReports } = await import('./seedReports.mjs');
    const uidOf = async (role) => {
      const s = DEMO_STAFF.find((x) => x.roles[0] === role);
      return { uid: (await auth.getUserByEmail(s.email)).uid, name: s.name };
    };
    const staffByRole = Object.fromEntries(await Promise.all(['fo', 'analis', 'koordinator', 'kabid'].map(async (r) => [r, await uidOf(r)])));
    await seedReports(db, { log, staffByRole });
  }
  await seedSurvey(db, { log });
  return { created, cases };
}

// ---------------------------------------------------------------------------------------------
// Demo cases, driven through the real callables by the demo staff (history, numbers and the
// letter are genuine). Identifiers are made up but valid: NIK 6571… = Kota Tarakan, women's birth
// day + 40.

const PEOPLE = [
  { name: 'Siti Aminah', nik: '6571014508900001', kel: ['Tarakan Tengah', 'Sebengkok'], type: 'pin_terblokir', to: 'completed' },
  { name: 'Budi Hartono', nik: '6571021203750002', kel: ['Tarakan Barat', 'Karang Anyar'], type: 'kks_hilang', to: 'signed' },
  { name: 'Rahmawati', nik: '6571036111820003', kel: ['Tarakan Timur', 'Kampung Enam'], type: 'transaksi_bermasalah', to: 'initialled' },
  { name: 'Andi Pratama', nik: '6571040202880004', kel: ['Tarakan Utara', 'Juata Laut'], type: 'buku_tabungan_hilang', to: 'drafted' },
  { name: 'Nurul Hidayah', nik: '6571025506790005', kel: ['Tarakan Tengah', 'Pamusian'], type: 'pin_terblokir', to: 'verified' },
  { name: 'Hasanuddin', nik: '6571013009650006', kel: ['Tarakan Barat', 'Karang Rejo'], type: 'transaksi_bermasalah', to: 'verified' },
  { name: 'Yuliana', nik: '6571034901920007', kel: ['Tarakan Timur', 'Mamburungan'], type: 'kks_hilang', to: 'awaiting_documents' },
  { name: 'Muhammad Rizal', nik: '6571041707850008', kel: ['Tarakan Utara', 'Juata Permai'], type: 'pin_terblokir', to: 'submitted' },
  { name: 'Wati Susanti', nik: '6571016812700009', kel: ['Tarakan Tengah', 'Selumit'], type: 'lainnya', to: 'submitted' },
  { name: 'Joko Susilo', nik: '6571020404600010', kel: ['Tarakan Barat', 'Karang Balik'], type: 'buku_tabungan_hilang', to: 'intake' },
  { name: 'Fatimah Zahra', nik: '6571034403830011', kel: ['Tarakan Timur', 'Gunung Lingkas'], type: 'transaksi_bermasalah', to: 'closed' },
];

// The SOP's required documents for the KPM in person (functions/src/domain/documents.ts): KTP/KK and
// the savings book always, the KKS unless the card is lost.
const REQUIRED = {
  kks_hilang: ['ktp_kk', 'buku_tabungan'],
  default: ['ktp_kk', 'kks', 'buku_tabungan'],
};

async function staffClients() {
  const { initializeApp } = await import('firebase/app');
  const { EmailAuthProvider, connectAuthEmulator, getAuth, reauthenticateWithCredential, signInWithEmailAndPassword } =
    await import('firebase/auth');
  const { connectFunctionsEmulator, getFunctions, httpsCallable } = await import('firebase/functions');
  const out = {};
  for (const s of DEMO_STAFF) {
    const app = initializeApp({ apiKey: 'demo-api-key', projectId: PROJECT_ID }, `seed-${s.roles[0]}`);
    const auth = getAuth(app);
    connectAuthEmulator(auth, 'http://127.0.0.1:9099', { disableWarnings: true });
    const fns = getFunctions(app, 'asia-southeast2');
    connectFunctionsEmulator(fns, '127.0.0.1', 5001);
    await signInWithEmailAndPassword(auth, s.email, DEMO_PASSWORD);
    out[s.roles[0]] = async (name, data) => {
      // As the staff page does: initialling and signing are confirmed with the password at once.
      if (name === 'parafCase' || name === 'signCase') {
        await reauthenticateWithCredential(auth.currentUser, EmailAuthProvider.credential(s.email, DEMO_PASSWORD));
      }
      return (await httpsCallable(fns, name)(data)).data;
    };
  }
  return out;
}

async function seedCases(db, log) {
  const c = await staffClients();
  const order = ['intake', 'submitted', 'verified', 'drafted', 'initialled', 'signed', 'completed'];
  let n = 0;
  for (const [i, p] of PEOPLE.entries()) {
    const docs = REQUIRED[p.type] ?? REQUIRED.default;
    const form = {
      complaintType: p.type,
      relation: 'kpm',
      ...(p.type === 'lainnya' ? { complaintDetail: 'Saldo bantuan bulan Oktober belum masuk ke rekening KKS.' } : {}),
      applicant: {
        name: p.name,
        nik: p.nik,
        phone: `0812${String(5100000 + i * 7919).padStart(8, '0')}`,
        email: `${p.name.toLowerCase().replace(/[^a-z]+/g, '.')}@contoh.example`,
        address: { kecamatan: p.kel[0], kelurahan: p.kel[1], street: `Jl. Mulawarman RT ${String(i + 1).padStart(2, '0')}` },
      },
      kpm: {
        name: p.name,
        nik: p.nik,
        kkNumber: `65710${String(10203040506 + i * 104729).padStart(11, '0')}`,
        ...(p.type === 'kks_hilang' ? {} : { kksNumber: `52642200${String(10000000 + i * 3571).padStart(8, '0')}` }),
      },
      documentsPresent: docs,
    };
    try {
      let cur = await c.fo('createCase', form);
      // The receipt, as the counter prints it (its email goes to MailDev): the tracking code exists
      // only on it, so the demo prints the first case's link for trying /lacak.
      const receipt = await c.fo('issueReceipt', { caseId: cur.caseId });
      if (i === 0) log(`[seed] tracking page of ${receipt.number}: ${receipt.trackingUrl}`);
      const ref = () => ({ caseId: cur.caseId, expectedVersion: cur.version });
      const go = async (role, name, data = {}) => {
        cur = { ...cur, ...(await c[role](name, { ...data, ...ref() })) };
      };
      const target = p.to;
      // Main path states up to the target; `closed` passes through verification, `awaiting_documents`
      // through submission.
      const detour = { closed: ['submitted', 'verified'], awaiting_documents: ['submitted'] };
      const reach = (s) =>
        detour[target] ? detour[target].includes(s) : order.indexOf(target) >= order.indexOf(s);
      if (reach('submitted')) await go('fo', 'submitCase');
      if (target === 'awaiting_documents') {
        await go('fo', 'returnToApplicant', { reason: 'Fotokopi KTP/KK tidak terbaca; mohon dibawa ulang.', missing: ['ktp_kk'] });
      }
      if (reach('verified')) await go('fo', 'verifyCase', { checks: docs.map((kind) => ({ kind, ok: true })) });
      if (target === 'closed') {
        await go('analis', 'decideCase', { decision: 'tidak', destination: 'close', reason: 'Yang bersangkutan tidak terdaftar sebagai KPM Program Sembako di DTKS.' });
      }
      if (reach('drafted')) {
        await go('analis', 'decideCase', {
          decision: 'ya',
          assistanceType: 'sembako',
          problem: 'Pengaduan KPM telah diperiksa dan sesuai dengan data SIKS-NG.',
          solution: 'Diterbitkan surat keterangan sebagai dasar penyelesaian di Bank Himbara penyalur.',
          siksNgUpdate: { done: true, reference: `SIKSNG-2026-${String(100 + i)}` },
          kpmEducated: true,
          draft: { summary: 'Pengaduan KPM Program Sembako.', outcome: 'KPM tercatat aktif sebagai penerima Program Sembako Kota Tarakan.' },
        });
      }
      if (reach('initialled')) await go('koordinator', 'parafCase');
      if (reach('signed')) await go('kabid', 'signCase', { confirm: true });
      if (target === 'completed') {
        // The hand-over needs the rendered letter: wait for the trigger (bounded).
        for (let t = 0; t < 120; t++) {
          const snap = await db.doc(`cases/${cur.caseId}`).get();
          if (snap.get('letter.status') === 'rendered') break;
          await new Promise((r) => setTimeout(r, 500));
        }
        const snap = await db.doc(`cases/${cur.caseId}`).get();
        cur.version = snap.get('version');
        await go('fo', 'recordHandover', { method: 'langsung', receivedBy: p.name });
      }
      n++;
    } catch (e) {
      log(`[seed] case for ${p.name} stopped early: ${e.message}`);
    }
  }
  return n;
}
