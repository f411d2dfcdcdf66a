import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

/**
 * Five pages, each its own bundle (budgets: sign-in ≤ 60 KB, a role's live inbox ≤ 200 KB,
 * the phone upload page ≤ 75 KB, gzip):
 *  - index.html      the staff app (Hosting: every other path);
 *  - unggah.html     the phone upload page (Hosting: /unggah/**), no login;
 *  - verifikasi.html the public letter verification page (Hosting: /verifikasi/**);
 *  - survei.html     the public SKM survey page (Hosting: /survei?t=<token>), ≤ 30 KB, no Firebase SDK.
 *  - lacak.html      the applicant's tracking page (Hosting: /lacak), ≤ 30 KB, no Firebase SDK.
 */
const pages = ['index', 'unggah', 'verifikasi', 'survei', 'lacak'].filter((p) => existsSync(resolve(import.meta.dirname, `${p}.html`)));

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // scripts/bench-web.mjs follows the manifest to measure what each page loads.
    manifest: true,
    rollupOptions: {
      input: Object.fromEntries(pages.map((p) => [p, resolve(import.meta.dirname, `${p}.html`)])),
    },
  },
  server: { port: 5173 },
});
