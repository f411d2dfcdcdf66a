/**
 * Only the right person, at the right moment (issue: roles that take effect at once, separation of
 * duties, a signature that asks for its signer, a closed door). Against the emulators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../functions/src/domain/vocabulary.js';
import { adminAuth, adminDb, createStaff, type TestStaff } from '../support/admin.js';
import { authEmulatorAdmin, client, errorCode } from '../support/client.js';
import { FUNCTIONS_ORIGIN, PROJECT_ID, REGION } from '../support/env.js';
import { decideYes, driveCase, office, type Office } from '../support/workflow.js';

type Client = Awaited<ReturnType<typeof client>>;

let o: Office;
const open: Client[] = [];
beforeAll(async () => {
  o = await office();
});
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await o.close();
});

async function signedIn(roles: Role[], name?: string): Promise<{ staff: TestStaff; c: Client }> {
  const staff = await createStaff(roles, name ? { name } : {});
  const c = await client(staff);
  open.push(c);
  return { staff, c };
}

const refOf = (m: { caseId: string; version: number }) => ({ caseId: m.caseId, expectedVersion: m.version });

async function refusals(caseId: string) {
  const q = await adminDb.collection('securityEvents').where('caseId', '==', caseId).get();
  return q.docs.map((d) => d.data());
}

describe('authority is the profile as it is now', () => {
  it("a demoted Kabid's open page is refused at the very next signature, and the refusal is recorded", async () => {
    const { staff, c } = await signedIn(['kabid'], 'Kabid Lama');
    const k = await driveCase(o, 'initialled');
    await o.admin.call('updateStaff', { uid: staff.uid, roles: ['fo'] });
    const err = await errorCode(c.call('signCase', { ...refOf(k), confirm: true }));
    expect(err.code).toBe('permission-denied');
    const kase = (await adminDb.doc(`cases/${k.caseId}`).get()).data()!;
    expect(kase['state']).toBe('initialled');
    expect(kase['signature'] ?? null).toBeNull();
    // Every session of the demoted person was revoked with the role change.
    const user = await adminAuth.getUser(staff.uid);
    expect(user.tokensValidAfterTime).toBeDefined();
    const rec = await refusals(k.caseId);
    expect(rec).toHaveLength(1);
    expect(rec[0]).toMatchObject({ action: 'sign', by: staff.uid, byName: 'Kabid Lama', code: 'permission-denied' });
  });

  it('a demoted admin cannot restore itself from the page still open', async () => {
    const { staff, c } = await signedIn(['admin']);
    await o.admin.call('updateStaff', { uid: staff.uid, roles: ['fo'] });
    const err = await errorCode(c.call('updateStaff', { uid: staff.uid, roles: ['admin', 'fo'] }));
    expect(err.code).toBe('permission-denied');
    expect((await adminDb.doc(`users/${staff.uid}`).get()).get('roles')).toEqual(['fo']);
  });

  it('a role added to the profile is used only after signing in again (the token narrows it)', async () => {
    const { staff, c } = await signedIn(['fo']);
    await o.admin.call('updateStaff', { uid: staff.uid, roles: ['fo', 'analis'] });
    const me = await c.call<{ roles: string[]; rolesPending: string[] }>('whoami');
    expect(me.roles).toEqual(['fo']);
    expect(me.rolesPending).toEqual(['analis']);
    const v = await driveCase(o, 'verified');
    expect((await errorCode(c.call('decideCase', decideYes(refOf(v))))).code).toBe('permission-denied');
    const again = await client(staff);
    open.push(again);
    expect((await again.call<{ roles: string[] }>('whoami')).roles).toEqual(['fo', 'analis']);
    await again.call('decideCase', decideYes(refOf(v)));
  });
});

describe('separation of duties on each case', () => {
  it('whoever decided may not initial or sign; whoever initialled may not sign; each refusal recorded', async () => {
    const { staff: all, c: allRoles } = await signedIn(['analis', 'koordinator', 'kabid']);
    const v = await driveCase(o, 'verified');
    const decided = await allRoles.call<{ version: number }>('decideCase', decideYes(refOf(v)));
    const p = await errorCode(allRoles.call('parafCase', { caseId: v.caseId, expectedVersion: decided.version }));
    expect(p.code).toBe('permission-denied');
    expect(p.message).toMatch(/pemisahan tugas/);
    const init = await o.koordinator.call<{ version: number }>('parafCase', { caseId: v.caseId, expectedVersion: decided.version });
    const s = await errorCode(allRoles.call('signCase', { caseId: v.caseId, expectedVersion: init.version, confirm: true }));
    expect(s.code).toBe('permission-denied');
    expect(s.message).toMatch(/menganalisis dan memutuskan/);
    const rec = await refusals(v.caseId);
    expect(rec.map((r): unknown[] => [r['action'], r['reason'], r['by']]).sort()).toEqual([
      ['paraf', 'separation-of-duties', all.uid],
      ['sign', 'separation-of-duties', all.uid],
    ]);

    // A Koordinator who is also Kabid initials one case and may not sign it...
    const { c: koKb } = await signedIn(['koordinator', 'kabid']);
    const d = await driveCase(o, 'drafted');
    const i = await koKb.call<{ version: number }>('parafCase', refOf(d));
    const own = await errorCode(koKb.call('signCase', { caseId: d.caseId, expectedVersion: i.version, confirm: true }));
    expect(own.code).toBe('permission-denied');
    expect(own.message).toMatch(/memaraf draf surat ini/);
    // ...but signs another case that someone else decided and initialled.
    const other = await driveCase(o, 'initialled');
    const signed = await koKb.call<{ state: string }>('signCase', { ...refOf(other), confirm: true });
    expect(signed.state).toBe('signed');
  });

  it.each(['analis', 'koordinator', 'kabid'] as const)('admin combined with %s is refused at createStaff and updateStaff', async (role) => {
    const created = await errorCode(
      o.admin.call('createStaff', { email: `gabung-${role}-${Date.now()}@test.dinsos.local`, name: 'X', title: 'Y', roles: ['admin', role] }),
    );
    expect(created.code).toBe('invalid-argument');
    expect(created.message).toMatch(/Administrator tidak boleh digabung/);
    const { staff } = await signedIn([role]);
    const updated = await errorCode(o.admin.call('updateStaff', { uid: staff.uid, roles: [role, 'admin'] }));
    expect(updated.code).toBe('invalid-argument');
    expect((await adminDb.doc(`users/${staff.uid}`).get()).get('roles')).toEqual([role]);
  });
});

/**
 * The Auth emulator's ID tokens are unsigned JWTs (`alg: none`) and the functions on the emulators
 * accept exactly such tokens; rewriting `auth_time` of a real one is therefore the emulator's own
 * token for a sign-in made six minutes ago. The account is made older than that sign-in first
 * (`accountOlderThan`), as a real signer's account would be.
 */
async function accountOlderThan(uid: string, seconds: number): Promise<void> {
  const res = await authEmulatorAdmin(`projects/${PROJECT_ID}/accounts:update`, {
    localId: uid,
    validSince: String(Math.floor(Date.now() / 1000) - seconds),
  });
  if (!res.ok) throw new Error(`accounts:update failed: ${res.status} ${await res.text()}`);
}

function withAuthTime(idToken: string, authTime: number): string {
  const [header, payload] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims['auth_time'] = authTime;
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
}

async function rawCall(name: string, idToken: string, data: unknown) {
  const res = await fetch(`${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${idToken}` },
    body: JSON.stringify({ data }),
  });
  return (await res.json()) as { result?: { state: string }; error?: { status: string; message: string; details?: { reason?: string } } };
}

describe('the signer confirms at the moment of signing', () => {
  it('a signature from a sign-in 6 minutes old is refused and recorded; a fresh one is accepted', async () => {
    const { staff, c } = await signedIn(['kabid']);
    await accountOlderThan(staff.uid, 10 * 60);
    const k = await driveCase(o, 'initialled');
    const token = await c.idToken();
    const old = await rawCall('signCase', withAuthTime(token, Math.floor(Date.now() / 1000) - 6 * 60), { ...refOf(k), confirm: true });
    expect(old.error?.status).toBe('UNAUTHENTICATED');
    expect(old.error?.details?.reason).toBe('recent-sign-in-required');
    expect(old.error?.message).toMatch(/masukkan kembali kata sandi/);
    expect((await adminDb.doc(`cases/${k.caseId}`).get()).get('state')).toBe('initialled');
    expect((await refusals(k.caseId)).map((r): unknown[] => [r['reason'], r['by']])).toEqual([['recent-sign-in-required', staff.uid]]);
    const fresh = await rawCall('signCase', withAuthTime(token, Math.floor(Date.now() / 1000) - 60), { ...refOf(k), confirm: true });
    expect(fresh.result?.state).toBe('signed');
  });

  it('paraf likewise', async () => {
    const { staff, c } = await signedIn(['koordinator']);
    await accountOlderThan(staff.uid, 10 * 60);
    const d = await driveCase(o, 'drafted');
    const token = await c.idToken();
    const old = await rawCall('parafCase', withAuthTime(token, Math.floor(Date.now() / 1000) - 6 * 60), refOf(d));
    expect(old.error?.status).toBe('UNAUTHENTICATED');
    const ok = await c.call<{ state: string }>('parafCase', refOf(d));
    expect(ok.state).toBe('initialled');
  });
});
