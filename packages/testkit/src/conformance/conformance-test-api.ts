/**
 * The parts of vitest (or a compatible runner) a conformance suite uses. Callers pass vitest's own
 * `it` and `expect`, so the testkit never imports vitest at run time.
 */
export interface ConformanceAssertion {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toContain(expected: unknown): void;
  toMatch(expected: string | RegExp): void;
  toHaveLength(length: number): void;
  toBeGreaterThan(expected: number): void;
  readonly not: ConformanceAssertion;
}

export type ConformanceExpect = (actual: unknown, message?: string) => ConformanceAssertion;

export type ConformanceIt = (name: string, body: () => Promise<void>, timeout?: number) => void;

export interface ConformanceTestApi {
  it: ConformanceIt;
  expect: ConformanceExpect;
}
