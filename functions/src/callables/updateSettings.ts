import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import { validateLetterNumberFormat } from '../domain/letterNumber.js';
import { RETENTION_BOUNDS, type RetentionSchedule } from '../domain/retention.js';
import { mergeSettings, type DeepPartial, type OfficeSettings } from '../domain/settings.js';
import { APPLICANT_RELATIONS, COMPLAINT_TYPES } from '../domain/vocabulary.js';
import { db } from '../firebase/admin.js';
import { runTransaction } from '../firebase/transaction.js';
import { callable } from '../firebase/callable.js';
import { requireRole } from '../firebase/caller.js';
import { DocumentKind, shortText } from '../schemas.js';
import { SETTINGS_DOC } from '../firebase/settings.js';

const HM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'format jam HH:MM');
const Hours = z.object({ start: HM, end: HM }).strict().refine((h) => h.start < h.end, 'jam mulai harus sebelum jam selesai');
const Minutes = z.number().int().min(1).max(480);
const Weekday = z.union([1, 2, 3, 4, 5, 6, 7].map((n) => z.literal(n)) as [z.ZodLiteral<1>, ...z.ZodLiteral<number>[]]);

const docsByRelation = z.object(
  Object.fromEntries(APPLICANT_RELATIONS.map((r) => [r, z.array(DocumentKind).max(6)])) as Record<
    (typeof APPLICANT_RELATIONS)[number],
    z.ZodArray<typeof DocumentKind>
  >,
);

/** A whole number within the bounds of one retention period, with the unit in the message. */
const period = (key: keyof RetentionSchedule, unit: 'hari' | 'tahun') => {
  const { min, max } = RETENTION_BOUNDS[key];
  return z
    .number({ error: `isi dengan bilangan bulat ${unit}` })
    .int(`isi dengan bilangan bulat ${unit}`)
    .min(min, `paling sedikit ${min} ${unit}`)
    .max(max, `paling lama ${max} ${unit}`);
};

const Input = z
  .object({
    timeStandards: z
      .object({ intake: Minutes, submitted: Minutes, verified: Minutes, drafted: Minutes, initialled: Minutes, signed: Minutes })
      .partial()
      .strict(),
    calendar: z
      .object({
        workingDays: z.array(Weekday).min(1).max(7),
        hours: Hours,
        hoursByWeekday: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7']), Hours),
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'format tanggal YYYY-MM-DD')).max(200),
      })
      .partial()
      .strict(),
    requiredDocuments: z
      .object(Object.fromEntries(COMPLAINT_TYPES.map((t) => [t, docsByRelation])) as Record<(typeof COMPLAINT_TYPES)[number], typeof docsByRelation>)
      .partial()
      .strict(),
    letterhead: z
      .object({
        government: shortText(120),
        office: shortText(160),
        address: shortText(300),
        phone: shortText(60),
        email: shortText(120),
        website: shortText(120),
      })
      .partial()
      .strict(),
    signer: z
      .object({ name: shortText(120), nip: z.string().regex(/^\d{18}$/, 'NIP terdiri dari 18 digit'), title: shortText(120) })
      .partial()
      .strict(),
    letterNumber: z
      .object({ format: shortText(120), classification: shortText(40), unit: shortText(60) })
      .partial()
      .strict(),
    retention: z
      .object({
        expiredUploadLinkDays: period('expiredUploadLinkDays', 'hari'),
        rejectedPhotoDays: period('rejectedPhotoDays', 'hari'),
        outboxDays: period('outboxDays', 'hari'),
        photocopyYears: period('photocopyYears', 'tahun'),
        accessLogYears: period('accessLogYears', 'tahun'),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();

/**
 * Admin: edits the office settings (time standards, calendar, required documents, letterhead,
 * signer, letter number format, retention schedule). Stored as overrides in `settings/office`; every reader merges them
 * over the SOP defaults. A letter number format with problems is refused with the list of them.
 */
export const updateSettings = callable(Input, async (d, req) => {
  const admin = await requireRole(req, 'admin');
  if (d.letterNumber?.format) {
    const problems = validateLetterNumberFormat(d.letterNumber.format);
    if (problems.length > 0) throw new DomainError('invalid-argument', `Format nomor surat: ${problems.join('; ')}`);
  }
  const ref = db().doc(SETTINGS_DOC);
  const merged: OfficeSettings = await runTransaction('updateSettings', async (tx) => {
    const current = ((await tx.get(ref)).data() ?? {}) as DeepPartial<OfficeSettings> & Record<string, unknown>;
    const base = mergeSettings(current);
    const updated = mergeSettings({ ...(base as DeepPartial<OfficeSettings>), ...patchOf(base, d) });
    tx.set(ref, { ...updated, updatedAt: new Date().toISOString(), updatedBy: admin.uid });
    return updated;
  });
  return merged;
});

/** Section-wise override: each given section is merged over the current one. */
function patchOf(current: OfficeSettings, d: z.infer<typeof Input>): DeepPartial<OfficeSettings> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d)) {
    const cur = (current as unknown as Record<string, unknown>)[k];
    out[k] = cur && typeof cur === 'object' && !Array.isArray(cur) ? { ...cur, ...v } : v;
  }
  return out;
}
