import { z } from 'zod';
import {
  APPLICANT_RELATIONS,
  COMPLAINT_TYPES,
  DOCUMENT_KINDS,
  ROLES,
} from './domain/vocabulary.js';
import { ASSISTANCE_TYPES, DECIDE_NO_DESTINATIONS, HANDOVER_METHODS } from './domain/workflow.js';

// Messages of zod's own checks in Bahasa Indonesia (staff read them).
z.config(z.locales.id());

const text = (max: number) => z.string().trim().min(1, 'wajib diisi').max(max, `paling banyak ${max} karakter`);
export const reasonText = text(2000);
export const shortText = (max = 200) => text(max);

export const CaseId = z.string().regex(/^[A-Za-z0-9]{10,40}$/, 'ID kasus tidak valid');
/** Every transition names the case and the version the caller saw (a stale request is refused). */
export const CaseRef = z.object({
  caseId: CaseId,
  expectedVersion: z.number().int().positive(),
});

export const DocumentKind = z.enum(DOCUMENT_KINDS);
export const ComplaintType = z.enum(COMPLAINT_TYPES);
export const ApplicantRelation = z.enum(APPLICANT_RELATIONS);
export const Role = z.enum(ROLES);
export const AssistanceType = z.enum(ASSISTANCE_TYPES);
export const DecideNoDestination = z.enum(DECIDE_NO_DESTINATIONS);
export const HandoverMethod = z.enum(HANDOVER_METHODS);

const Address = z.object({
  kecamatan: shortText(80),
  kelurahan: shortText(80),
  street: shortText(300),
});

/** Intake: shapes only; identifier rules (NIK, KK, KKS, phone) are the domain's (planIntake). */
export const IntakeInput = z
  .object({
    complaintType: ComplaintType,
    relation: ApplicantRelation,
    complaintDetail: z.string().trim().max(2000).optional(),
    applicant: z.object({
      name: shortText(120),
      nik: z.string().trim().max(32),
      phone: z.string().trim().max(32),
      email: z.string().trim().max(200).optional(),
      address: Address,
    }),
    kpm: z.object({
      name: shortText(120),
      nik: z.string().trim().max(32),
      kkNumber: z.string().trim().max(32),
      kksNumber: z.string().trim().max(32).optional(),
      /** The KPM's address, for an heir or a proxy (the domain requires it then). */
      address: Address.optional(),
    }),
    documentsPresent: z.array(DocumentKind).max(DOCUMENT_KINDS.length).optional(),
  })
  .strict();

export const StaffRoles = z.array(Role).min(1, 'pilih minimal satu peran').max(5);
export const Nip = z
  .string()
  .trim()
  .regex(/^(\d{18})?$/, 'NIP terdiri dari 18 digit')
  .optional();
export const StaffProfile = z.object({
  name: shortText(120),
  title: shortText(120),
  nip: Nip,
});
