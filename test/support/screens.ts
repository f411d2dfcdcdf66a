/**
 * Where a browser test keeps a screenshot that the README shows: in the run's results
 * (.test-results/screens/, git-ignored) — a test run leaves the working tree as it found it — or,
 * with UPDATE_DOCS_SCREENS=1, in docs/screens/ to refresh the README's pictures on purpose.
 */
export const docsScreen = (name: string): string =>
  process.env['UPDATE_DOCS_SCREENS'] === '1' ? `docs/screens/${name}` : `.test-results/screens/${name}`;
