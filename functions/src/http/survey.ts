/**
 * The survey page's routes (public: the one-time token is the only key):
 *  - `GET /api/survei/:token` → `{state: 'open' | 'closed'}`; an answered survey and an unknown
 *    token both read 'closed' (the page says "already filled in or no longer valid");
 *  - `POST /api/survei/:token` with JSON `{answers: {u1…u9: 1–4}, saran?, loket?}` → 200
 *    `{ok: true}`; a second submission → 400 `failed-precondition` "Survei untuk pengaduan ini
 *    sudah diisi. Terima kasih."; an unknown token → 404.
 * The questions themselves are in the page's bundle (domain/skm.ts), so the GET answers a word.
 */
import { z } from 'zod';
import { SARAN_INPUT_MAX, UNSUR_KEYS } from '../domain/skm.js';
import { DomainError } from '../domain/errors.js';
import { submitSurvey, surveyState } from '../survey/responses.js';
import type { Handler } from './router.js';
import { sendJson } from './respond.js';

const Score = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: 'Setiap pertanyaan dijawab dengan salah satu dari empat pilihan.',
});

export const SurveyAnswerInput = z
  .object({
    answers: z
      .object(Object.fromEntries(UNSUR_KEYS.map((k) => [k, Score])) as Record<(typeof UNSUR_KEYS)[number], typeof Score>)
      .strict(),
    saran: z.string().max(SARAN_INPUT_MAX, `Saran paling banyak ${SARAN_INPUT_MAX} karakter.`).optional(),
    loket: z.boolean().optional(),
  })
  .strict();

export const surveyInfo: Handler = async (_req, res, { token }) => {
  sendJson(res, 200, { state: await surveyState(token ?? '') });
};

export const surveySubmit: Handler = async (req, res, { token }) => {
  const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new DomainError('invalid-argument', 'Jawaban survei harus dikirim sebagai JSON.', { reason: 'unsupported-type' });
  }
  const input = SurveyAnswerInput.parse(req.body);
  await submitSurvey(token ?? '', {
    answers: input.answers,
    saran: input.saran,
    channel: input.loket ? 'loket' : 'tautan',
  });
  sendJson(res, 200, { ok: true });
};
