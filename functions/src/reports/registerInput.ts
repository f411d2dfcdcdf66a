/** The input schemas of the register callables (zod), shared by `listRegister` and `exportRegister`. */
import { z } from 'zod';
import { CASE_STATES, COMPLAINT_TYPES, REGISTER_STATUS_LABELS } from '../domain/vocabulary.js';
import { REGISTER_KINDS } from '../domain/registers.js';
import { EXPORT_FORMATS } from './registerExport.js';

const LocalDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'tanggal harus berformat TTTT-BB-HH');
const Short = z.string().trim().min(1).max(80);

export const RegisterFiltersInput = z
  .object({
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    state: z.enum([...CASE_STATES, ...(Object.keys(REGISTER_STATUS_LABELS) as [string, ...string[]])]).optional(),
    complaintType: z.enum(COMPLAINT_TYPES).optional(),
    kecamatan: Short.optional(),
    kelurahan: Short.optional(),
    officer: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'ID petugas tidak valid').optional(),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'Tanggal awal harus sebelum tanggal akhir.', path: ['to'] });

export const ListRegisterInput = z
  .object({
    kind: z.enum(REGISTER_KINDS),
    filters: RegisterFiltersInput.default({}),
    after: z.string().max(600).nullish(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();

export const ExportRegisterInput = z
  .object({
    kind: z.enum(REGISTER_KINDS),
    filters: RegisterFiltersInput.default({}),
    format: z.enum(EXPORT_FORMATS),
  })
  .strict();
