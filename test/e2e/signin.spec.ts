import { expect, test } from '@playwright/test';
import { createStaff } from '../support/admin.js';

test('a staff member signs in and sees their roles', async ({ page }) => {
  const staff = await createStaff(['koordinator', 'kabid']);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Layanan Pengaduan KPM Sembako/BPNT' })).toBeVisible();
  await page.getByLabel('Email').fill(staff.email);
  await page.getByLabel('Kata sandi').fill('salah-sandi');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email atau kata sandi salah.');
  await page.getByLabel('Kata sandi').fill(staff.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  const roles = page.getByTestId('roles');
  await expect(roles.getByText('Koordinator Dayasos')).toBeVisible();
  await expect(roles.getByText('Kepala Bidang Sosial')).toBeVisible();
  await page.screenshot({ path: '.test-results/screens/home.png' });
});
