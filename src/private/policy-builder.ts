import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { isPublicAllow } from './iam';
import { PUBLIC_ALLOW, PolicyKind, PolicyStatementJson, renderPolicy, toPolicyJson } from './policy-document';
import { PropValidator } from './validation';

/**
 * The one resource policy of a bucket or a key: the statements the construct writes,
 * then those added later (by the user, or for log delivery), rendered once per change.
 *
 * Rendering happens when the statements change, not lazily during synth: a reference
 * made inside cdktf's token resolution costs several times as much (cdktf records a
 * stack trace for each, and there the stack is deep).
 *
 * Statements are refused where they are added, naming the option that added them.
 */
export class PolicyBuilder {
  private readonly added: PolicyStatementJson[] = [];
  /** Where the rendered document goes after a change, once a resource holds it. */
  private target?: (document: string) => void;

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

  /**
   * Adds a statement the construct writes after construction. Like every statement
   * added, it may not let everyone in.
   */
  public add(statement: PolicyStatementJson, option: string): void {
    const { Effect: effect, Principal: principal, NotPrincipal, Condition: condition } = statement;
    if (isPublicAllow({ effect, principal, notPrincipal: NotPrincipal !== undefined, condition })) this.validator.fail(option, PUBLIC_ALLOW);
    const sid = statement.Sid;
    if (sid !== undefined && (this.reservedSids.includes(sid) || this.statements.some((s) => s.Sid === sid))) {
      this.validator.fail(option, `must use a Sid that is not already in the ${this.kind} policy`, sid);
    }
    this.added.push(statement);
    this.target?.(this.render());
  }

  /**
   * Adds a statement unless the same statement (Sid and all) is already there: what a
   * grant does, so that granting the same thing again changes nothing. True when added.
   */
  public addOnce(statement: PolicyStatementJson, option: string): boolean {
    const text = JSON.stringify(statement);
    if (this.added.some((s) => JSON.stringify(s) === text)) return false;
    this.add(statement, option);
    return true;
  }

  /** The statements in policy order. */
  public get statements(): PolicyStatementJson[] {
    return [...this.base, ...this.added];
  }

  /** How many added statements match, e.g. to number the next one. */
  public countAdded(matches: (statement: PolicyStatementJson) => boolean): number {
    return this.added.filter(matches).length;
  }

  /** The policy document, rendered with Terraform's jsonencode. */
  public render(): string {
    return renderPolicy(this.statements);
  }

  /** Sends the document to `apply` after every later change (the resource's policy setter). */
  public onChange(apply: (document: string) => void): void {
    this.target = apply;
  }
}
