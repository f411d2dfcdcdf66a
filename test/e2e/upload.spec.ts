import { createHash, randomBytes } from 'node:crypto';
import { devices, expect, test, type Page } from '@playwright/test';
import { phoneLikeJpeg } from '../fixtures/makeFixtures.js';
import { adminDb, createStaff, type TestStaff } from '../support/admin.js';
import { client } from '../support/client.js';
import { intakeForm } from '../support/workflow.js';

/**
 * The phone upload page (issue 4) in Chromium emulating a Pixel 7 (412×915, touch, mobile),
 * against the real `api` function behind the Hosting rewrite.
 */
test.use({ ...devices['Pixel 7'] });

interface Link {
  token: string;
  url: string;
}

/** A case at intake with nothing marked present, and an upload link from its FO. */
async function caseWithLink(fo?: TestStaff): Promise<{ caseId: string; number: string; link: Link }> {
  fo ??= await createStaff(['fo']);
  const c = await client(fo);
  try {
    const kase = await c.call<{ caseId: string; number: string }>('createCase', {
      ...intakeForm(),
      documentsPresent: [],
    });
    const link = await c.call<Link>('createUploadLink', { caseId: kase.caseId });
    return { ...kase, link };
  } finally {
    await c.close();
  }
}

const uploadsOf = async (caseId: string, kind: string) =>
  (await adminDb.collection(`cases/${caseId}/documents`).where('kind', '==', kind).get()).docs.map((d) =>
    d.data(),
  );

/** A 2400×1800 phone-like photo (≈1 MB): larger than the page's 1600 px, so it is reduced. */
const photo = async (seed = 0) => ({
  name: 'IMG_20261127_101500.jpg',
  mimeType: 'image/jpeg',
  buffer: await phoneLikeJpeg(2400, 1800, 20 + seed),
});

async function openLink(page: Page, link: Link) {
  await page.goto(new URL(link.url).pathname);
}

test('the applicant photographs the KTP/KK on a phone; the page shows it sent and the case has it', async ({
  page,
}) => {
  const { caseId, number, link } = await caseWithLink();
  await openLink(page, link);
  await expect(page.getByTestId('case-number')).toHaveText(number);
  await expect(page.getByText('PIN KKS terblokir')).toBeVisible();
  for (const kind of ['ktp_kk', 'kks', 'buku_tabungan'])
    await expect(page.getByTestId(`status-${kind}`)).toHaveText('Belum ada');
  await expect(page.getByRole('button', { name: 'Ambil foto', exact: true })).toHaveCount(3);
  await page.screenshot({ path: '.test-results/screens/unggah-phone-empty.png', fullPage: true });

  await page.getByTestId('camera-ktp_kk').setInputFiles(await photo());
  await expect(page.getByTestId('progress-ktp_kk')).toContainText('Terkirim', { timeout: 30_000 });
  await expect(page.getByTestId('status-ktp_kk')).toHaveText('Terkirim');
  await expect(page.getByTestId('status-kks')).toHaveText('Belum ada');
  await expect(page.getByText('1 dari 3 dokumen sudah ada.')).toBeVisible();
  await expect(page.getByText('Memuat…', { exact: true })).toHaveCount(0); // the static placeholder is gone
  await page.screenshot({ path: '.test-results/screens/unggah-phone.png', fullPage: true });

  const [rec, ...more] = await uploadsOf(caseId, 'ktp_kk');
  expect(more).toHaveLength(0);
  expect(rec).toMatchObject({ status: 'received', mime: 'image/jpeg', width: 1600, height: 1200 });
  // Reduced in the browser to at most 500 000 bytes before it was sent.
  expect(rec!['receivedSize']).toBeLessThanOrEqual(500_000);
  const kase = (await adminDb.doc(`cases/${caseId}`).get()).data()!;
  expect(kase['documents']).toMatchObject({ ktp_kk: { present: true }, kks: { present: false } });
});

test('a connection lost after the server stored the photo is retried, and the retry is recognised, not stored twice', async ({
  page,
}) => {
  const { caseId, link } = await caseWithLink();
  let posts = 0;
  await page.route('**/api/unggah/**', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    posts += 1;
    if (posts === 1) {
      await route.fetch(); // the server receives and stores it…
      return route.abort('connectionreset'); // …but the answer never reaches the phone
    }
    return route.continue();
  });
  await openLink(page, link);
  await page.getByTestId('file-buku_tabungan').setInputFiles(await photo(1));
  await expect(page.getByTestId('progress-buku_tabungan')).toContainText('Mencoba lagi');
  await expect(page.getByTestId('progress-buku_tabungan')).toContainText('sudah diterima sebelumnya', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('status-buku_tabungan')).toHaveText('Terkirim');
  expect(posts).toBe(2);
  expect(await uploadsOf(caseId, 'buku_tabungan')).toHaveLength(1);
});

test('an expired link says so plainly', async ({ page }) => {
  const { caseId } = await caseWithLink();
  const token = randomBytes(32).toString('base64url');
  await adminDb.doc(`uploadGrants/${createHash('sha256').update(token).digest('hex')}`).set({
    caseId,
    expiresAt: new Date(Date.now() - 1000).toISOString(),
    revokedAt: null,
    createdBy: 'test',
    createdAt: new Date(Date.now() - 31 * 60_000).toISOString(),
  });
  await page.goto(`/unggah/${token}`);
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading')).toHaveText('Tautan sudah kedaluwarsa');
  await expect(alert).toContainText('Minta petugas menampilkan kode QR yang baru.');
  await expect(page.getByRole('button', { name: 'Ambil foto', exact: true })).toHaveCount(0);
  await page.screenshot({ path: '.test-results/screens/unggah-expired.png' });
});

test('the staff page shows the photo arrive without reloading, and viewing it is recorded', async ({ page, browser }) => {
  const fo = await createStaff(['fo']);
  const { caseId, link } = await caseWithLink(fo);
  // The front office, on a laptop, has the case open while the applicant photographs at the counter.
  const desk = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
  const staff = await desk.newPage();
  await staff.goto('/');
  await staff.getByLabel('Email').fill(fo.email);
  await staff.getByLabel('Kata sandi').fill(fo.password);
  await staff.getByRole('button', { name: 'Masuk' }).click();
  await expect(staff.getByRole('button', { name: 'Keluar' })).toBeVisible();
  await staff.goto(`/pengaduan/${caseId}`);
  const uploads = staff.getByRole('region', { name: 'Fotokopi dokumen (unggahan)' });
  await expect(uploads).toContainText('Belum ada dokumen yang diunggah.');

  await openLink(page, link);
  await page.getByTestId('camera-ktp_kk').setInputFiles(await photo(2));
  await expect(page.getByTestId('status-ktp_kk')).toHaveText('Terkirim', { timeout: 30_000 });

  await expect(uploads.getByText('Fotokopi KTP/KK')).toBeVisible({ timeout: 15_000 });
  await uploads.getByRole('button', { name: 'Lihat Fotokopi KTP/KK' }).click();
  // Opening the case page recorded the identity opening; viewing the photo records the view.
  const views = () => adminDb.collection('accessLog').where('caseId', '==', caseId).where('what', '==', 'document').get();
  await expect.poll(async () => (await views()).size, { timeout: 15_000 }).toBe(1);
  const [view] = (await views()).docs.map((d) => d.data());
  expect(view).toMatchObject({ uid: fo.uid, what: 'document', documentKind: 'ktp_kk' });
  const opened = await adminDb.collection('accessLog').where('caseId', '==', caseId).where('what', '==', 'identity').get();
  expect(opened.docs.map((d): unknown => d.get('uid'))).toContain(fo.uid);
  await staff.screenshot({ path: '.test-results/screens/staff-upload-arrived.png' });
  await desk.close();
});

test('once the documents are verified, the link says so and offers no camera', async ({ page }) => {
  const fo = await createStaff(['fo']);
  const c = await client(fo);
  let link: Link;
  try {
    const kase = await c.call<{ caseId: string }>('createCase', intakeForm());
    link = await c.call<Link>('createUploadLink', { caseId: kase.caseId });
    await c.call('submitCase', { caseId: kase.caseId, expectedVersion: 1 });
    const checks = ['ktp_kk', 'kks', 'buku_tabungan'].map((kind) => ({ kind, ok: true }));
    await c.call('verifyCase', { caseId: kase.caseId, expectedVersion: 2, checks });
  } finally {
    await c.close();
  }
  await openLink(page, link);
  const notice = page.getByTestId('closed-notice');
  await expect(notice.getByRole('heading')).toHaveText('Dokumen sudah diverifikasi');
  await expect(notice).toContainText('unggahan tidak diterima lagi');
  await expect(page.getByRole('button', { name: 'Ambil foto', exact: true })).toHaveCount(0);
  await page.screenshot({ path: '.test-results/screens/unggah-verified.png' });
});
