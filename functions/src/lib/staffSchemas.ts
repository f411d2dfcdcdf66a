import { z } from 'zod';
import { Role, shortText } from './schemas.js';

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
