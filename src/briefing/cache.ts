interface Entry<T> {
  /** The draw, shared by every caller asking while it runs. */
  drawing: Promise<T>;
  done: { value: T } | null;
}

/**
 * Remembers what was drawn from the store until the store changes. Briefings are read far more
 * often than articles arrive, and a story of thousands of articles costs tens of milliseconds to
 * draw, so every answer between two ingests is drawn once (and callers asking while it is being
 * drawn wait for that one draw).
 */
export class StoreCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private seenVersion: string | null = null;

  constructor(
    private readonly version: () => Promise<string>,
    private readonly maxEntries = 1000,
  ) {}

  /**
   * The answer `get` would give without drawing, or undefined: a caller about to draw can
   * acknowledge first. It is the answer itself, not a promise of it, so nothing can change between
   * the look and the use.
   */
  async peek(key: string): Promise<T | undefined> {
    await this.sync();
    return this.entries.get(key)?.done?.value;
  }

  async get(key: string, build: () => Promise<T>): Promise<T> {
    await this.sync();
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-insert so the Map's order is least recently used first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.drawing;
    }
    const entry: Entry<T> = { drawing: build(), done: null };
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    try {
      entry.done = { value: await entry.drawing };
    } catch (error) {
      // A failed draw is not an answer: the next caller draws again.
      if (this.entries.get(key) === entry) this.entries.delete(key);
      throw error;
    }
    return entry.done.value;
  }

  private async sync(): Promise<void> {
    const version = await this.version();
    if (version !== this.seenVersion) {
      this.entries.clear();
      this.seenVersion = version;
    }
  }
}
