import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Lazy } from 'cdktf';
import { PolicyKind, PolicyStatementJson, renderPolicy, toPolicyJson } from './policy-document';
import { PropValidator } from './validation';

/**
 * The one resource policy of a bucket or a key: the statements the construct writes,
 * then those added later (by the user, or for log delivery), rendered once per change.
 *
 * Statements are refused where they are added, naming the option that added them.
 */
export class PolicyBuilder {
  private readonly added: PolicyStatementJson[] = [];
  /** cdktf resolves the document more than once per synth; kept until the next change. */
  private rendered?: string;

  /**
   * @param validator reports bad statements, naming the construct
   * @param kind which service's rules the statements must follow
   * @param base the statements the construct writes itself
   * @param reservedSids Sids the construct may write, whether or not it does
   */
  constructor(
    private readonly validator: PropValidator,
    private readonly kind: PolicyKind,
    private readonly base: PolicyStatementJson[],
    private readonly reservedSids: string[] = [],
  ) {}

  /** Adds a statement in the `aws_iam_policy_document` shape; `option` names where it came from. */
  public addStatement(statement: DataAwsIamPolicyDocumentStatement, option: string): void {
    const json = toPolicyJson(statement, (requirement, value) => this.validator.fail(option, requirement, value), this.kind);
    this.add(json, option);
  }

  /** Adds a statement the construct writes after construction. */
  public add(statement: PolicyStatementJson, option: string): void {
    const sid = statement.Sid;
    if (sid !== undefined && (this.reservedSids.includes(sid) || this.statements.some((s) => s.Sid === sid))) {
      this.validator.fail(option, `must use a Sid that is not already in the ${this.kind} policy`, sid);
    }
    this.added.push(statement);
    this.rendered = undefined;
  }

  /** The statements in policy order. */
  public get statements(): PolicyStatementJson[] {
    return [...this.base, ...this.added];
  }

  /** How many added statements match, e.g. to number the next one. */
  public countAdded(matches: (statement: PolicyStatementJson) => boolean): number {
    return this.added.filter(matches).length;
  }

  /** The policy document, rendered with Terraform's jsonencode at synth time. */
  public get document(): string {
    return Lazy.stringValue({ produce: () => (this.rendered ??= renderPolicy(this.statements)) });
  }
}
