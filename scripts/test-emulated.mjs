/**
 * Runs inside `firebase emulators:exec` (which sets FIRESTORE_EMULATOR_HOST, FIREBASE_AUTH_EMULATOR_HOST,
 * FIREBASE_STORAGE_EMULATOR_HOST…): rules and integration tests with vitest, then end-to-end tests with
 * Playwright. Results go to .test-results/*.json for the summary in scripts/test.mjs.
 */
import { join } from 'node:path';
import { ROOT, BIN, run, childEnv } from './lib.mjs';
import { startMailDev } from './maildev.mjs';

const suites = (process.argv[2] ?? 'rules,integration,e2e').split(',');
const filter = process.argv[3];
const results = join(ROOT, '.test-results');
let worst = 0;
const mail = await startMailDev({ mailDir: join(results, 'maildev') });
process.env.SMTP_URL = 'smtp://127.0.0.1:1025';
process.env.MAILDEV_URL = mail.url;
for (const s of suites) {
  let code;
  if (s === 'e2e') {
    code = await run(join(BIN, 'playwright'), ['test', ...(filter ? ['--pass-with-no-tests', filter] : [])], {
      env: childEnv({ PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, 'e2e.json') }),
    });
  } else {
    const out = join(results, `${s}.json`);
    code = await run(join(BIN, 'vitest'), ['run', '--project', s, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...(filter ? ['--passWithNoTests', filter] : [])]);
  }
  if (code !== 0) worst = code;
}
await mail.stop();
process.exit(worst);
