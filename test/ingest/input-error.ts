import { ArticleInputError } from "../../src/ingest/errors.js";

/** The ArticleInputError `run` throws; any other outcome fails the test. */
export function inputError(run: () => unknown): ArticleInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof ArticleInputError) return error;
    throw error;
  }
  throw new Error("expected an ArticleInputError");
}
