/**
 * The property tests' seed (test/support/propertySeed.ts, the unit project's setup file): fixed
 * unless PROPERTY_SEED says otherwise, and named in the report of a failing property so that the
 * failure can be replayed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DEFAULT_PROPERTY_SEED, PROPERTY_SEED, seedFrom } from '../support/propertySeed.js';

describe('the property tests seed', () => {
  it('is the one every property of the run starts from: DEFAULT_PROPERTY_SEED unless PROPERTY_SEED is set', () => {
    expect(fc.readConfigureGlobal().seed).toBe(PROPERTY_SEED);
    if ((process.env.PROPERTY_SEED ?? '').trim() === '') expect(PROPERTY_SEED).toBe(DEFAULT_PROPERTY_SEED);
  });

  it("is named in fast-check's report of a failing property, and replaying it fails on the same value", async () => {
    const failing = fc.property(fc.string({ minLength: 1 }), (s) => s.length > 3);
    const report = (() => {
      try {
        fc.assert(failing);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('the property did not fail');
    })();
    expect(report).toContain(`{ seed: ${PROPERTY_SEED}, path: "`);
    const counterexample = /Counterexample: (.*)/.exec(report)?.[1];
    expect(counterexample).toBeDefined();
    expect(fc.check(failing, { seed: PROPERTY_SEED }).counterexample).toEqual(JSON.parse(counterexample!));

    const asyncReport = await fc.assert(fc.asyncProperty(fc.nat(), () => Promise.resolve(false))).then(
      () => 'the property did not fail',
      (e: Error) => e.message,
    );
    expect(asyncReport).toContain(`{ seed: ${PROPERTY_SEED}, path: "`);
  });

  it('reads PROPERTY_SEED: unset or empty is the default, an integer is itself, "random" draws one', () => {
    expect(seedFrom(undefined)).toBe(DEFAULT_PROPERTY_SEED);
    expect(seedFrom(' ')).toBe(DEFAULT_PROPERTY_SEED);
    expect(seedFrom('42')).toBe(42);
    expect(seedFrom(' -1819918769 ')).toBe(-1819918769);
    expect(seedFrom('random', () => 7)).toBe(7);
    expect(seedFrom('RANDOM', () => 7)).toBe(7);
    const drawn = seedFrom('random');
    expect(Number.isInteger(drawn) && drawn >= -(2 ** 31) && drawn < 2 ** 31).toBe(true);
  });

  it('refuses a PROPERTY_SEED that is neither a 32-bit integer nor "random"', () => {
    for (const raw of ['1.5', '0x10', 'abc', '2147483648', '-2147483649', '12abc']) {
      expect(() => seedFrom(raw), raw).toThrow(
        /^PROPERTY_SEED must be a 32-bit integer .* or "random", not /,
      );
    }
  });
});
