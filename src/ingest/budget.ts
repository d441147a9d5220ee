import { ArticleInputError } from "./errors.js";
import { MAX_ARTICLE_CPU_MS } from "./limits.js";

/**
 * A CPU time allowance for one article in one pass (parsing, or analysis with extraction), checked
 * at the steps of each loop that grows with the article (blocks, sentences, mentions). The size
 * limits bound what an article may hold; this bounds what it may cost, so a page whose shape makes
 * some rule superlinear (thousands of distinct names, say) is refused with the reason instead of
 * stalling the run while the articles beside it wait.
 */
export interface Budget {
  /** Throws an ArticleInputError naming `stage` once the pass has spent more than its allowance. */
  check(stage: string): void;
}

/** CPU time this process has spent, in ms: user + system, so a loaded machine does not shrink the allowance. */
export type CpuClock = () => number;

/**
 * Reading the process's CPU time is a system call, and the checks come hundreds of times per
 * article (a quarter of parsing one): it is read again only once a wall-clock millisecond has
 * passed, so a pass is judged at most a millisecond off its allowance.
 */
let readAt = -Infinity;
let cpuMs = 0;
const processCpu: CpuClock = () => {
  const now = performance.now();
  if (now - readAt >= 1) {
    readAt = now;
    const { user, system } = process.cpuUsage();
    cpuMs = (user + system) / 1000;
  }
  return cpuMs;
};

export function cpuBudget(origin: string, allowanceMs = MAX_ARTICLE_CPU_MS, clock: CpuClock = processCpu): Budget {
  const start = clock();
  return {
    check(stage) {
      const spent = clock() - start;
      if (spent <= allowanceMs) return;
      throw new ArticleInputError(
        origin,
        `too costly to read: more than ${allowanceMs} ms of CPU time in ${stage} (a news article takes a few ms; a hostile or generated page?)`,
      );
    },
  };
}
