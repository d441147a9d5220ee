interface Waiter {
  predicate: () => boolean;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Promises that resolve when a condition on changing state becomes true; whoever changes the state calls `notify`. */
export class Waiters {
  readonly #waiting = new Set<Waiter>();

  /** Resolves once `predicate` holds; rejects with `describe()` after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiting.delete(waiter);
          reject(new Error(describe()));
        }, timeoutMs),
      };
      this.#waiting.add(waiter);
    });
  }

  notify(): void {
    for (const waiter of this.#waiting) {
      if (!waiter.predicate()) continue;
      clearTimeout(waiter.timer);
      this.#waiting.delete(waiter);
      waiter.resolve();
    }
  }

  /** Rejects everything still waiting, so nothing hangs (or keeps a timer alive) after the sandbox closes. */
  abandon(reason: string): void {
    for (const waiter of this.#waiting) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(reason));
    }
    this.#waiting.clear();
  }
}
