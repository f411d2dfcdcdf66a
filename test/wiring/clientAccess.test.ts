/**
 * What a browser reaches through the real emulators (the web SDK, as the staff page): the blocking
 * function that closes sign-up, and the security rules as a signed-in client meets them next to the
 * callables. Moved from the integration suite: these need the Functions emulator (the blocking
 * function is registered only there) and the web SDK's Auth, which signs in to the emulators'
 * own project.
 */
import { createUserWithEmailAndPassword } from 'firebase/auth';
import { collection, doc, getDoc, getDocs, query, where } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, createStaff } from '../support/admin.js';
import { errorCode, webClient } from '../support/client.js';
import { firestoreClient } from '../support/firestoreClient.js';
import { intakeForm } from '../support/workflow.js';

type Web = Awaited<ReturnType<typeof webClient>>;
const open: Web[] = [];
let fo: Web;
let admin: Web;
beforeAll(async () => {
  const [f, a] = await Promise.all([createStaff(['fo']), createStaff(['admin'])]);
  [fo, admin] = await Promise.all([webClient(f), webClient(a)]);
  open.push(fo, admin);
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
});

/** Every string value of a JSON-able object. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

describe('the stored case carries no identity, as a browser reads it', () => {
  it("a role's inbox query (as the staff page runs it) downloads no identity; nobody reads the identity document", async () => {
    const form = intakeForm({ name: 'Rahmat Hidayat', email: 'p7002@contoh.example' });
    form.applicant.nik = '6571014508907002';
    form.kpm.nik = '6571014508907002';
    form.kpm.kkNumber = '6571010101207002';
    const c = { ...(await fo.call<{ caseId: string; number: string }>('createCase', form)), form };
    for (const who of [fo, admin]) {
      const db = firestoreClient(who);
      const snap = await getDocs(query(collection(db, 'caseSummaries'), where('state', 'in', ['intake'])));
      const mine = snap.docs.find((d) => d.id === c.caseId);
      expect(mine).toBeDefined();
      expect(strings(mine!.data()).join('\n')).not.toContain(c.form.applicant.nik);
      await expect(getDoc(doc(db, `cases/${c.caseId}/private/identity`))).rejects.toMatchObject({ code: 'permission-denied' });
    }
  });
});

describe('the closed door', () => {
  it("a stranger cannot make an account from the page's sign-up API (the blocking function)", async () => {
    const c = await webClient();
    open.push(c);
    const err = await createUserWithEmailAndPassword(c.auth, `orang-asing-${Date.now()}@contoh.example`, 'rahasia-panjang-1').then(
      () => null,
      (e: { code?: string; message?: string }) => e,
    );
    expect(err).not.toBeNull();
    expect(String(err?.message)).toMatch(/Pendaftaran akun sendiri tidak diizinkan/);
  });

  it('an account without a staff profile (made around the door) gets nothing from callables or rules', async () => {
    const email = `tanpa-profil-${Date.now()}@contoh.example`;
    const user = await adminAuth.createUser({ email, password: 'rahasia-panjang-1' });
    // Even a roles claim (which only the admin callables set) gives nothing without a profile.
    await adminAuth.setCustomUserClaims(user.uid, { roles: ['admin', 'kabid'] });
    const c = await webClient({ email, password: 'rahasia-panjang-1' });
    open.push(c);
    const me = await c.call<{ roles: string[]; active: boolean }>('whoami');
    expect(me).toMatchObject({ roles: [], active: false });
    expect((await errorCode(c.call('createCase', intakeForm()))).code).toBe('permission-denied');
    expect((await errorCode(c.call('updateSettings', { timeStandards: { intake: 9 } }))).code).toBe('permission-denied');
    const db = firestoreClient(c);
    await expect(getDocs(query(collection(db, 'cases'), where('state', '==', 'intake')))).rejects.toMatchObject({ code: 'permission-denied' });
    await expect(getDocs(collection(db, 'users'))).rejects.toMatchObject({ code: 'permission-denied' });
  });
});
