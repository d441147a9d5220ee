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
