/**
 * Demo data for `npm start`: one staff account per role and (once the workflow callables exist) a
 * few cases in every state, created through the real callables so that history and numbers are
 * genuine. Runs against the emulators; does nothing when the demo accounts already exist.
 */
import { initializeApp as initAdmin } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { PROJECT_ID } from './lib.mjs';

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
  return { created };
}
