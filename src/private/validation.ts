import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { EncryptedS3ValidationError } from '../errors';

/**
 * Validates the props of one construct and names it in every message:
 * `ManagedCmk "stack/logs": deletionWindowInDays must be ... (got 3)`.
 *
 * Values that are unresolved tokens are not known until Terraform runs, so every
 * check lets them through.
 */
export class PropValidator {
  private readonly subject: string;

  constructor(private readonly construct: IConstruct, kind: string) {
    this.subject = `${kind} "${construct.node.path}"`;
  }

  /** Throws for `option` with a message describing what is allowed. */
  public fail(option: string, requirement: string, value?: unknown): never {
    const got = value === undefined ? '' : ` (got ${describe(value)})`;
    throw new EncryptedS3ValidationError(
      `${this.subject}: ${option} ${requirement}${got}`,
      this.construct.node.path,
      option,
    );
  }

  /** An integer in [min, max], inclusive. */
  public integerInRange(option: string, value: number | undefined, min: number, max: number): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.fail(option, `must be an integer between ${min} and ${max}`, value);
    }
  }

  /** One of a fixed set of values. */
  public oneOf<T>(option: string, value: T | undefined, allowed: readonly T[]): void {
    if (value === undefined || Token.isUnresolved(value)) return;
    if (!allowed.includes(value)) {
      this.fail(option, `must be one of ${allowed.map(describe).join(', ')}`, value);
    }
  }

  /** Each entry looks like an IAM principal ARN. */
  public principalArns(option: string, values: string[] | undefined): void {
    if (values === undefined || Token.isUnresolved(values)) return;
    for (const value of values) {
      if (Token.isUnresolved(value)) continue;
      if (!PRINCIPAL_ARN.test(value)) {
        this.fail(
          option,
          'entries must be IAM principal ARNs such as arn:aws:iam::111122223333:role/name',
          value,
        );
      }
    }
  }

  /** Fails when an option is set although another setting makes it meaningless. */
  public notWith(option: string, value: unknown, reason: string): void {
    if (value !== undefined) this.fail(option, `cannot be set ${reason}`, value);
  }
}

/** A KMS key ARN: what S3's key-id condition matches, unlike alias ARNs and key ids. */
export const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

// IAM names and paths use A-Za-z0-9 and +=,.@_-; anything else could not be a principal.
const PRINCIPAL_ARN = /^arn:aws[a-z-]*:(iam|sts)::\d{12}:[\w+=,.@/-]+$/;

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
