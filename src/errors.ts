/**
 * The one error this library throws for invalid input.
 *
 * Thrown at synth time, before Terraform ever runs, with a message that names the
 * construct, the option, the rejected value and what would have been accepted.
 * Catch it with `instanceof EncryptedS3ValidationError`, or test any error with
 * `isEncryptedS3ValidationError` (which also works across two copies of the library).
 *
 * jsii cannot model subclasses of `Error` or free functions, so both are for
 * TypeScript/JavaScript only; other languages get jsii's generic error with the same
 * message.
 * @jsii ignore
 */
export class EncryptedS3ValidationError extends Error {
  /** The construct path, e.g. `my-stack/data/Bucket`. */
  public readonly constructPath: string;

  /** The option that was rejected, e.g. `deletionWindowInDays`. */
  public readonly option: string;

  constructor(message: string, constructPath: string, option: string) {
    super(message);
    this.name = 'EncryptedS3ValidationError';
    this.constructPath = constructPath;
    this.option = option;
    // Keep `instanceof` working when compiled to ES5-style classes.
    Object.setPrototypeOf(this, EncryptedS3ValidationError.prototype);
  }
}

/** True when `error` is an input error from this library. */
export function isEncryptedS3ValidationError(error: unknown): boolean {
  return error instanceof Error && error.name === 'EncryptedS3ValidationError';
}
