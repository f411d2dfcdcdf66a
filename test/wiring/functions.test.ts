/**
 * The wiring layer: every exported function, reached through the Functions and Hosting emulators as
 * production's tools register it — region, the callable protocol and its auth header, CORS for the
 * page's origin, Hosting's rewrites to the HTTP functions, and the Firestore triggers' registration
 * (one case through the web SDK up to its emailed letter). What the handlers do is the service
 * layer's (test/service/); this proves only that each is reachable where the page and the platform
 * look for it. The scheduled functions cannot be reached here (the emulators have no scheduler):
 * their handlers are called directly in test/service/letterSweeper.test.ts and retention.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fns from '../../functions/src/index.js';
import { adminDb, changesOf, createStaff } from '../support/admin.js';
import { webClient } from '../support/client.js';
import { FUNCTIONS_ORIGIN, HOSTING_URL, MAILDEV_URL, PROJECT_ID, REGION } from '../support/env.js';
import { waitFor } from '../support/wait.js';
import { decideYes, intakeForm } from '../support/workflow.js';
import { requiredDocuments } from '../../functions/src/domain/documents.js';

type Endpoint = { callableTrigger?: object; httpsTrigger?: object; eventTrigger?: object; scheduleTrigger?: object; blockingTrigger?: object; region?: string[] };
const endpoints = Object.entries(fns as unknown as Record<string, { __endpoint?: Endpoint }>)
  .filter(([, f]) => f?.__endpoint)
  .map(([name, f]) => ({ name, ep: f.__endpoint! }));
const callables = endpoints.filter((e) => e.ep.callableTrigger).map((e) => e.name);
const PAGE_ORIGIN = 'http://127.0.0.1:5000';

describe('every callable is served in its region and speaks the callable protocol', () => {
  it('the list is the whole index (callables, HTTP functions, triggers, schedules, the blocking function)', () => {
    expect(callables.length).toBeGreaterThan(30);
    for (const e of endpoints) expect(e.ep.region, e.name).toEqual([REGION]);
  });

  // Concurrently: the Functions emulator starts one worker per function on its first call, and these
  // first calls are what warms every function for the browser journeys that follow.
  it.concurrent.each(callables)('%s: a signed-out call is answered by the function with a callable error', async (name) => {
    const res = await fetch(`${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: PAGE_ORIGIN },
      body: JSON.stringify({ data: {} }),
    });
    const body = (await res.json()) as { error?: { status: string; message: string } };
    // Public callables validate the input first; all others want a signed-in caller.
    expect(['UNAUTHENTICATED', 'INVALID_ARGUMENT', 'NOT_FOUND']).toContain(body.error?.status);
    expect(body.error?.message).toMatch(/[a-z]/i);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
  });

  it("a preflight from the page's origin is allowed", async () => {
    const res = await fetch(`${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/whoami`, {
      method: 'OPTIONS',
      headers: { Origin: PAGE_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
  });
});

describe("Hosting's rewrites reach the HTTP functions", () => {
  it('/api/** → api (the tracking route answers a bad request in JSON)', async () => {
    const res = await fetch(`${HOSTING_URL}/api/lacak`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error?: { code: string } }).error?.code).toBe('invalid-argument');
  });

  it('/api/cases/*/documents/* → staffDocs (a signed-out viewer is refused)', async () => {
    const res = await fetch(`${HOSTING_URL}/api/cases/x/documents/y`);
    expect(res.status).toBe(401);
  });
});

describe('the triggers are registered: one case from intake to its emailed letter, through the emulators', () => {
  const roles = ['fo', 'analis', 'koordinator', 'kabid'] as const;
  let c: Record<(typeof roles)[number], Awaited<ReturnType<typeof webClient>>>;
  beforeAll(async () => {
    const staff = await Promise.all(roles.map((r) => createStaff([r])));
    const clients = await Promise.all(staff.map((s) => webClient(s)));
    c = Object.fromEntries(roles.map((r, i) => [r, clients[i]!])) as typeof c;
  });
  afterAll(async () => {
    await Promise.all(Object.values(c).map((x) => x.close()));
  });

  it('recordHistoryEntry keeps the register row, issueLetter numbers and signs, deliverEmail sends', async () => {
    const email = `wiring-${Date.now()}@contoh.example`;
    const form = intakeForm({ email });
    type Moved = { caseId: string; version: number };
    let m = await c.fo.call<Moved>('createCase', form);
    const ref = () => ({ caseId: m.caseId, expectedVersion: m.version });
    m = await c.fo.call<Moved>('submitCase', ref());
    m = await c.fo.call<Moved>('verifyCase', { ...ref(), checks: requiredDocuments(form.complaintType, form.relation).map((kind) => ({ kind, ok: true })) });
    m = await c.analis.call<Moved>('decideCase', decideYes(ref()));
    m = await c.koordinator.call<Moved>('parafCase', ref());
    m = await c.kabid.call<Moved>('signCase', { ...ref(), confirm: true });
    const kase = adminDb.doc(`cases/${m.caseId}`);
    const letter = await waitFor(
      'the letter (issueLetter)',
      async () => {
        const l = (await kase.get()).get('letter') as { status?: string; number?: string } | undefined;
        return l?.status === 'rendered' ? l : undefined;
      },
      60_000,
      { wakeOn: changesOf(kase) },
    );
    expect(letter.number).toBeTruthy();
    const row = adminDb.doc(`caseRegister/${m.caseId}`);
    await waitFor('the register row (recordHistoryEntry)', async () => ((await row.get()).get('state') === 'signed' ? true : undefined), 60_000, {
      wakeOn: changesOf(row),
    });
    const mail = await waitFor('the email (deliverEmail)', async () => {
      const res = await fetch(`${MAILDEV_URL}/api/email?to.address=${encodeURIComponent(email)}`);
      const list = (await res.json()) as { subject: string }[];
      return list.length > 0 ? list : undefined;
    });
    expect(mail).toHaveLength(1);
  });
});
