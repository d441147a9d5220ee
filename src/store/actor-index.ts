/**
 * What was drawn per story at one store version. Autocomplete, actor look-ups, reactions by actor
 * and /ask all start from the actor index: each backend reads it (a few story actor rows) once per
 * version and story.
 */
export class PerVersion<T> {
  private seen: string | null = null;
  private readonly byStory = new Map<string, T>();

  get(version: string, story: string, draw: () => T): T {
    if (version !== this.seen) {
      this.byStory.clear();
      this.seen = version;
    }
    if (!this.byStory.has(story)) this.byStory.set(story, draw());
    return this.byStory.get(story) as T;
  }

  /** Drops a story's entry, e.g. a draw that failed. */
  forget(story: string): void {
    this.byStory.delete(story);
  }
}
