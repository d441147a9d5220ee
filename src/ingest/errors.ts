/**
 * Why an input could not become an Article. Carries where (file and line) so an operator can fix
 * the source; the CLI maps it to exit code 2.
 */
export class ArticleInputError extends Error {
  override readonly name = "ArticleInputError";
  constructor(
    readonly origin: string,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(`${origin}${line === undefined ? "" : `:${line}`}: ${reason}`);
  }
}

/**
 * Runs a parser over one untrusted input so that whatever it throws (a RangeError from a library
 * recursing through a hostile page, a TypeError from markup it did not expect) becomes a rejection
 * of that input only, with its origin and the reason, as every other malformed file is reported.
 */
export function rejectingParseErrors<T>(origin: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ArticleInputError) throw error;
    const reason =
      error instanceof RangeError ? `the parser gave up (${error.message})` : `the parser failed: ${error instanceof Error ? error.message : String(error)}`;
    throw new ArticleInputError(origin, `could not be read as an article: ${reason}`);
  }
}
