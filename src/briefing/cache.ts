/**
 * Remembers what was drawn from the store until the store changes. Briefings are read far more
 * often than articles arrive, and a story of thousands of articles costs tens of milliseconds to
 * draw, so every answer between two ingests is drawn once.
 */
export class StoreCache<T> {
  private readonly entries = new Map<string, T>();
  private seenVersion: string | null = null;

  constructor(
    private readonly version: () => string,
    private readonly maxEntries = 1000,
  ) {}

  /** Whether `get` would answer without drawing: a caller about to draw can warn the user first. */
  has(key: string): boolean {
    this.sync();
    return this.entries.has(key);
  }

  get(key: string, build: () => T): T {
    this.sync();
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-insert so the Map's order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = build();
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  private sync(): void {
    const version = this.version();
    if (version !== this.seenVersion) {
      this.entries.clear();
      this.seenVersion = version;
    }
  }
}
