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

export type ConformanceTestBody = () => Promise<void>;

export interface ConformanceIt {
  (name: string, body: ConformanceTestBody, timeout?: number): void;
  /** vitest's `it.skip`: when present, tests the upstream cannot serve are registered as skipped, else as empty tests. */
  skip?: (name: string, body: ConformanceTestBody) => void;
}

export interface ConformanceTestApi {
  it: ConformanceIt;
  expect: ConformanceExpect;
}
