import { HttpsError } from 'firebase-functions/v2/https';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../../functions/src/domain/errors.js';
import { toHttpsError } from '../../functions/src/firebase/errors.js';
import '../../functions/src/schemas.js'; // sets zod's Indonesian messages

describe('toHttpsError: the one place errors become what a client sees', () => {
  it('keeps a DomainError code, message and details', () => {
    const e = toHttpsError(new DomainError('failed-precondition', 'Checklist belum lengkap.', { missing: ['kks'] }));
    expect(e).toBeInstanceOf(HttpsError);
    expect(e.code).toBe('failed-precondition');
    expect(e.message).toBe('Checklist belum lengkap.');
    expect(e.details).toEqual({ missing: ['kks'] });
  });

  it('turns zod issues into invalid-argument with one sentence per field', () => {
    const r = z.object({ reason: z.string().min(1, 'wajib diisi'), n: z.number() }).safeParse({ reason: '', n: 'x' });
    expect(r.success).toBe(false);
    const e = toHttpsError(r.error);
    expect(e.code).toBe('invalid-argument');
    expect(e.message).toMatch(/^Data tidak valid: reason: wajib diisi; n: /);
  });

  it('maps Firestore contention (gRPC ABORTED, code 10) to aborted with a retry hint', () => {
    const e = toHttpsError(Object.assign(new Error('10 ABORTED: Transaction lock timeout.'), { code: 10 }));
    expect(e.code).toBe('aborted');
    expect(e.message).toMatch(/coba lagi/);
  });

  it('hides anything else behind internal, without its message', () => {
    const e = toHttpsError(new Error('connect ECONNREFUSED db.internal:5432 password=hunter2'));
    expect(e.code).toBe('internal');
    expect(e.message).not.toMatch(/ECONNREFUSED|hunter2/);
  });

  it('passes an HttpsError through unchanged', () => {
    const original = new HttpsError('not-found', 'Kasus tidak ditemukan.');
    expect(toHttpsError(original)).toBe(original);
  });
});
