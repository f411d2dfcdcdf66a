/**
 * The `staffDocs` HTTPS function: staff viewing a stored photocopy,
 * `GET /api/cases/:caseId/documents/:docId` (viewDocument.ts). Hosting rewrites that path here,
 * before the `/api/**` rule that sends the public upload routes to `api`, so the staff page's URL
 * is unchanged. Its own instances: streaming a file needs little memory and waits mostly on
 * Storage, so one instance serves many views at once, and no number of slow uploads from
 * strangers on `api` takes its capacity.
 */
import { onRequest } from 'firebase-functions/v2/https';
import { router } from './router.js';
import { viewDocument } from './viewDocument.js';

export const staffDocs = onRequest(
  { memory: '512MiB', cpu: 1, concurrency: 40, maxInstances: 5, timeoutSeconds: 60, invoker: 'public' },
  router([{ method: 'GET', path: '/cases/:caseId/documents/:docId', handler: viewDocument }]),
);
