/** How S3 Object Lock protects an object version until its retention ends. */
export enum ObjectLockMode {
  /**
   * No one can overwrite or delete the version, or shorten or lift its retention, except
   * principals allowed `s3:BypassGovernanceRetention` who send the bypass header.
   */
  GOVERNANCE = 'GOVERNANCE',
  /**
   * No one, the account root included, can overwrite or delete the version, or shorten or
   * lift its retention, until it ends. Closing the AWS account is the only way out.
   */
  COMPLIANCE = 'COMPLIANCE',
}

/**
 * The retention S3 gives every new object version in a bucket with Object Lock, unless
 * the upload asks for its own.
 */
export class ObjectLockRetention {
  /**
   * GOVERNANCE retention: versions are protected for `days`, except from principals the
   * bucket lets bypass it (`governanceBypassPrincipalArns`; none by default).
   *
   * @param days days each new version is retained, 1 to 36500
   */
  public static governance(days: number): ObjectLockRetention {
    return new ObjectLockRetention(ObjectLockMode.GOVERNANCE, days);
  }

  /**
   * COMPLIANCE retention: versions are protected for `days` from everyone, the account
   * root included. The bucket also needs `dangerouslyAllowComplianceRetention`.
   *
   * @param days days each new version is retained, 1 to 36500
   */
  public static compliance(days: number): ObjectLockRetention {
    return new ObjectLockRetention(ObjectLockMode.COMPLIANCE, days);
  }

  /**
   * @param mode the retention mode
   * @param days days each new version is retained
   */
  private constructor(public readonly mode: ObjectLockMode, public readonly days: number) {}
}
