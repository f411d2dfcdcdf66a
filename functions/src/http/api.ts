/**
 * The `api` HTTPS function: the upload routes, which strangers holding a link reach (Hosting
 * rewrites `/api/**` to it; also reachable at its own URL). Routes, one file each: uploadInfo.ts,
 * upload.ts; the survey page's (survey.ts); and lacak.ts (the applicant's case tracking). Sized for
 * sharp: re-encoding an unreduced 4000×3000 photo peaks at about +150 MB RSS
 * (bench/upload.ts), so four requests at once fit in 1 GiB; the phone page's reduced photos need
 * far less. Staff viewing photocopies is served by `staffDocs` (staffDocs.ts), with capacity of its
 * own, so that slow or abusive uploads cannot keep staff from the documents.
 */
import { onRequest } from 'firebase-functions/v2/https';
import { router } from './router.js';
import { uploadByLink, uploadToCase } from './upload.js';
import { uploadInfo } from './uploadInfo.js';
import { surveyInfo, surveySubmit } from './survey.js';
import { lacak } from './lacak.js';
import { SEARCH_HASH_KEY } from '../firebase/params.js';

export const api = onRequest(
  // SEARCH_HASH_KEY: the tracking code's keyed hash (tracking/codes.ts) for /lacak.
  {
    memory: '1GiB',
    cpu: 1,
    concurrency: 4,
    timeoutSeconds: 60,
    invoker: 'public',
    secrets: [SEARCH_HASH_KEY],
  },
  router([
    { method: 'GET', path: '/unggah/:token', handler: uploadInfo },
    { method: 'POST', path: '/unggah/:token', handler: uploadByLink },
    { method: 'POST', path: '/cases/:caseId/documents', handler: uploadToCase },
    { method: 'GET', path: '/survei/:token', handler: surveyInfo },
    { method: 'POST', path: '/survei/:token', handler: surveySubmit },
    { method: 'POST', path: '/lacak', handler: lacak },
  ]),
);
