import { afterAll, describe, expect, it } from 'vitest';
import { createStaff } from '../support/admin.js';
import { client, errorCode } from '../support/client.js';

describe('whoami (callable through the Functions emulator)', () => {
  const open: Array<{ close: () => Promise<void> }> = [];
  afterAll(async () => Promise.all(open.map((c) => c.close())));

  it('refuses a signed-out caller with unauthenticated', async () => {
    const c = await client();
    open.push(c);
    const err = await errorCode(c.call('whoami'));
    expect(err.code).toBe('unauthenticated');
  });

  it("returns the caller's roles and profile", async () => {
    const staff = await createStaff(['fo', 'analis']);
    const c = await client(staff);
    open.push(c);
    const me = await c.call<{ uid: string; roles: string[]; name: string; active: boolean }>('whoami');
    expect(me.uid).toBe(staff.uid);
    expect(me.roles.sort()).toEqual(['analis', 'fo']);
    expect(me.name).toBe(staff.name);
    expect(me.active).toBe(true);
  });

  it('refuses unexpected input with invalid-argument', async () => {
    const staff = await createStaff(['fo']);
    const c = await client(staff);
    open.push(c);
    const err = await errorCode(c.call('whoami', { extra: 1 }));
    expect(err.code).toBe('invalid-argument');
  });
});
