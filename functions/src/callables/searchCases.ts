import { z } from 'zod';
import { idKey, nameKey } from '../cases/search.js';
import { summaryRef } from '../cases/store.js';
import { IDENTITY_ROLES, MIN_NAME_PREFIX, normalizeName, type SummaryDoc } from '../domain/caseSummary.js';
import { db } from '../firebase/admin.js';
import { DomainError } from '../domain/errors.js';
import { callable } from '../firebase/callable.js';
import { requireActiveStaff } from '../firebase/caller.js';
import { SEARCH_HASH_KEY } from '../firebase/params.js';

const Input = z
  .object({ query: z.string().trim().min(1, 'wajib diisi').max(120, 'paling banyak 120 karakter') })
  .strict();

const MAX_RESULTS = 50;

/**
 * Case-working roles search cases by a full NIK or KK number (16 digits: an exact match on its
 * keyed hash) or by a name prefix (each word of at least 3 letters must start a word of the
 * applicant's or the KPM's name), matched on `caseSearch/{caseId}`. Answers the cases' inbox rows
 * (`caseSummaries`) only — never an identity — most recent first, at most 50.
 */
export const searchCases = callable(
  Input,
  async ({ query }, req) => {
    const staff = await requireActiveStaff(req);
    if (!staff.roles.some((r) => IDENTITY_ROLES.includes(r))) {
      throw new DomainError('permission-denied', 'Pencarian berdasarkan NIK atau nama hanya untuk petugas yang menangani pengaduan.');
    }
    const digits = query.replace(/[\s.-]/g, '');
    let keys: { field: 'ids' | 'names'; all: string[] };
    if (/^\d+$/.test(digits)) {
      if (digits.length !== 16) {
        throw new DomainError('invalid-argument', 'Cari dengan NIK atau nomor KK lengkap (16 digit), atau dengan nama.');
      }
      keys = { field: 'ids', all: [idKey(digits)] };
    } else {
      const words = normalizeName(query).split(' ').filter((w) => w.length >= MIN_NAME_PREFIX);
      if (words.length === 0) {
        throw new DomainError('invalid-argument', `Ketik sedikitnya ${MIN_NAME_PREFIX} huruf dari nama pemohon atau KPM.`);
      }
      keys = { field: 'names', all: words.map((w) => nameKey(w.slice(0, 20))) };
    }
    const [first, ...rest] = keys.all;
    const snap = await db().collection('caseSearch').where(keys.field, 'array-contains', first).limit(200).get();
    const ids = snap.docs
      .filter((d) => rest.every((k) => (d.get(keys.field) as string[] | undefined)?.includes(k)))
      .sort((a, b) => String(b.get('createdAt')).localeCompare(String(a.get('createdAt'))))
      .slice(0, MAX_RESULTS)
      .map((d) => d.id);
    if (ids.length === 0) return { cases: [] };
    const summaries = await db().getAll(...ids.map((id) => summaryRef(id)));
    return {
      cases: summaries.filter((d) => d.exists).map((d) => ({ ...(d.data() as SummaryDoc), id: d.id })),
    };
  },
  { secrets: [SEARCH_HASH_KEY] },
);
