import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { claimOnceInApp } from './stack-claims';
import { PropValidator } from './validation';

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Checks a bucket name against S3's general-purpose bucket naming rules. */
export function validateBucketName(v: PropValidator, name: string | undefined, option = 'bucketName'): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  const problem = nameProblem(name, 3, 63) ?? affixProblem(name, true);
  if (problem) v.fail(option, problem, name);
}

/**
 * Bucket names are global: a second bucket of the app with the same name, in any stack
 * and on any provider, would fail at apply, or be managed by two constructs (two states)
 * that each undo the other's settings. Refuse it at synth.
 */
export function claimBucketName(v: PropValidator, bucket: IConstruct, option: string, name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  const holder = claimOnceInApp(bucket, 'bucket', name);
  if (holder !== undefined) {
    v.fail(option, `must be unique among the app's buckets, in every stack: EncryptedBucket "${holder}" already has it, and S3 bucket names are global`, name);
  }
}

/**
 * Checks a bucket name prefix: Terraform appends 26 characters, so at most 37 may
 * come from the prefix, and the prefix must be the start of a valid name.
 */
export function validateBucketPrefix(v: PropValidator, prefix: string | undefined): void {
  if (prefix === undefined || Token.isUnresolved(prefix)) return;
  const problem = nameProblem(prefix, 1, 37, false) ?? affixProblem(prefix, false);
  if (problem) v.fail('bucketPrefix', problem, prefix);
}

/**
 * What S3 sends as the encryption context of the bucket's objects (`aws:s3:arn`), as ARN
 * patterns known without reading the bucket: from its name, the bucket's ARN (with an
 * S3 Bucket Key) and its objects'; from its prefix, those of every bucket whose name
 * starts with it. Undefined when Terraform picks the whole name.
 */
export function bucketArnPatterns(partition: string, name?: string, prefix?: string): string[] | undefined {
  if (name !== undefined) return [`arn:${partition}:s3:::${name}`, `arn:${partition}:s3:::${name}/*`];
  if (prefix !== undefined) return [`arn:${partition}:s3:::${prefix}*`];
  return undefined;
}

/**
 * Checks an access-log key prefix. It becomes part of a policy resource, so IAM
 * wildcards (`*`, `?`) would widen what log delivery may write, and quotes, backslashes
 * and template sequences would be read as Terraform syntax.
 */
export function validateLogPrefix(v: PropValidator, option: string, prefix: string | undefined): void {
  if (prefix === undefined || Token.isUnresolved(prefix)) return;
  if (/[*?"\\]|%\{|\$\{/.test(prefix)) {
    v.fail(option, 'must not contain *, ?, ", \\, %{ or ${', prefix);
  }
}

function nameProblem(name: string, min: number, max: number, complete = true): string | undefined {
  if (name.length < min || name.length > max) {
    return `must be ${min}-${max} characters long`;
  }
  if (!/^[a-z0-9.-]+$/.test(name)) {
    return 'may contain only lowercase letters, digits, "." and "-"';
  }
  if (!/^[a-z0-9]/.test(name) || (complete && !/[a-z0-9]$/.test(name))) {
    return complete ? 'must start and end with a letter or digit' : 'must start with a letter or digit';
  }
  if (/\.\.|\.-|-\./.test(name)) {
    return 'must not contain "..", ".-" or "-."';
  }
  if (complete && IP_ADDRESS.test(name)) {
    return 'must not be formatted as an IP address';
  }
  return undefined;
}

function affixProblem(name: string, complete: boolean): string | undefined {
  const prefix = RESERVED_PREFIXES.find((reserved) => name.startsWith(reserved));
  if (prefix) return `must not start with the reserved prefix "${prefix}"`;
  const suffix = complete ? RESERVED_SUFFIXES.find((reserved) => name.endsWith(reserved)) : undefined;
  if (suffix) return `must not end with the reserved suffix "${suffix}"`;
  return undefined;
}
