/**
 * Durable records and shared state. Issue by issue this grows record kinds (keys, teams,
 * budgets, spend, request logs); the shared-state part must be correct across instances.
 */
export interface StoredRecordV1 {
  id: string;
  [field: string]: unknown;
}

export interface StorageV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  /** Creates tables or indexes; safe to call more than once. */
  migrate(): Promise<void>;
  get(collection: string, id: string): Promise<StoredRecordV1 | null>;
  put(collection: string, record: StoredRecordV1): Promise<void>;
  delete(collection: string, id: string): Promise<boolean>;
  list(collection: string, options?: { limit?: number; after?: string }): Promise<StoredRecordV1[]>;
  close(): Promise<void>;
}

/** Shared state: atomic counters with expiry, cache entries and cooldowns. */
export interface StateV1 {
  readonly specificationVersion: 'v1';
  readonly name: string;
  /** Adds `amount` and returns the new value; the key expires `ttlMs` after it was created. */
  increment(key: string, amount: number, ttlMs: number): Promise<number>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
