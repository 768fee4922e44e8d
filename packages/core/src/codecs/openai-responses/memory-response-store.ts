import type { ResponseStore, StoredResponse } from './response-store.js';

export interface MemoryResponseStoreOptions {
  /** Most answers kept; the oldest go first. Default 1,000. */
  maxResponses?: number;
  /** Most bytes kept (the JSON size of the stored answers and their conversations). Default 64 MiB. */
  maxBytes?: number;
  /** How long an answer is kept after it was stored, in milliseconds. Default one hour. */
  ttlMs?: number;
  /** The clock, in milliseconds (tests pass their own). */
  now?: () => number;
}

export const memoryResponseStoreDefaults = Object.freeze({ maxResponses: 1000, maxBytes: 64 * 1024 * 1024, ttlMs: 60 * 60 * 1000 });

interface Entry {
  response: StoredResponse;
  bytes: number;
  expiresAt: number;
}

/**
 * Answers kept in this process, bounded in count and bytes, each for a fixed time after it was
 * stored. When a bound is passed the oldest answers are evicted; an answer larger than the byte
 * bound alone is not kept at all. Nothing is shared between instances or survives a restart.
 */
export class MemoryResponseStore implements ResponseStore {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly maxResponses: number;
  private readonly maxBytes: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryResponseStoreOptions = {}) {
    this.maxResponses = options.maxResponses ?? memoryResponseStoreDefaults.maxResponses;
    this.maxBytes = options.maxBytes ?? memoryResponseStoreDefaults.maxBytes;
    this.ttlMs = options.ttlMs ?? memoryResponseStoreDefaults.ttlMs;
    this.now = options.now ?? Date.now;
  }

  /** How many answers and bytes are held now (expired ones not yet swept included). */
  get size(): { responses: number; bytes: number } {
    return { responses: this.entries.size, bytes: this.bytes };
  }

  async get(id: string): Promise<StoredResponse | undefined> {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(id, entry);
      return undefined;
    }
    return entry.response;
  }

  async put(response: StoredResponse): Promise<void> {
    const bytes = Buffer.byteLength(JSON.stringify(response));
    const existing = this.entries.get(response.id);
    if (existing !== undefined) this.remove(response.id, existing);
    if (bytes > this.maxBytes) return;
    this.sweep();
    // Insertion order is age order: the first entries are the oldest.
    for (const [id, entry] of this.entries) {
      if (this.entries.size < this.maxResponses && this.bytes + bytes <= this.maxBytes) break;
      this.remove(id, entry);
    }
    this.entries.set(response.id, { response, bytes, expiresAt: this.now() + this.ttlMs });
    this.bytes += bytes;
  }

  async delete(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    this.remove(id, entry);
    return entry.expiresAt > this.now();
  }

  /** Drops expired answers from the front (every entry lives equally long, so they are the oldest). */
  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.remove(id, entry);
    }
  }

  private remove(id: string, entry: Entry): void {
    this.entries.delete(id);
    this.bytes -= entry.bytes;
  }
}
