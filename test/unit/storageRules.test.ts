import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The local stand-in for the Storage rules runtime answers every client request "deny". That is
 * exact only while storage.rules is the fully closed ruleset; this test keeps the two in step.
 */
const normalise = (src: string) =>
  src
    .replace(/\/\/[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('storage.rules', () => {
  it('is exactly the closed ruleset the stand-in runtime assumes', () => {
    const rules = normalise(readFileSync(new URL('../../storage.rules', import.meta.url), 'utf8'));
    expect(rules).toBe(
      "rules_version = '2'; service firebase.storage { match /b/{bucket}/o { match /{allPaths=**} { allow read, write: if false; } } }",
    );
  });
});
