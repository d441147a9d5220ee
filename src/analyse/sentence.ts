import { z } from "zod";

/** A sentence of an article as the analysis stage splits it; facts point at it by `index`. */
export const Sentence = z.object({
  index: z.number().int().nonnegative(),
  /** Index of the block (heading, paragraph or quote) in Article.blocks. */
  block: z.number().int().nonnegative(),
  text: z.string().min(1),
  /** The block's own time (live-blog entry) or else the article's as-of time. */
  at: z.string().nullable(),
  /** The source itself says this could not be verified (or reports it as hearsay). */
  unverified: z.boolean(),
  /** A sub-heading: it names a development but repeats what a paragraph says in full. */
  heading: z.boolean().optional(),
  /**
   * The words /ask finds it by (terms.ts: content words' lemmas, folded, space-separated). Absent
   * from a sentence built by hand: it is then found by its words as written.
   */
  terms: z.string().optional(),
});
export type Sentence = z.infer<typeof Sentence>;
