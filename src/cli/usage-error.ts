/** A command line the CLI cannot act on (unknown command, option or story). Exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
