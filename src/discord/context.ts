import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../ops/metrics.js";
import type { BriefingReads, Subscriptions } from "../store/index.js";
import type { StoryConfig } from "../story/config.js";
import type { FiguresCharts } from "./charts.js";

/** What every handler may use; built once at start and passed down, so handlers stay testable. */
export interface BotContext {
  readonly config: Config;
  readonly logger: Logger;
  /** Commands read briefings and manage subscriptions; ingest and delivery are not theirs. */
  readonly store: BriefingReads & Subscriptions;
  readonly stories: readonly StoryConfig[];
  /** Charts shared with the scheduled posts; commands draw their own when none is given. */
  readonly charts?: FiguresCharts;
  /** Sources that keep failing, per story slug, for /help. */
  readonly failingSources?: () => Promise<ReadonlyMap<string, string[]>>;
  /** Counts interactions and 429s for /metrics, when the operator's port is on. */
  readonly metrics?: Metrics;
}
