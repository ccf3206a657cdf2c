import { Annotations, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct, RootConstruct } from 'constructs';
import { ComplianceRule } from './compliance-rule';
import { acknowledgementsOf, addAcknowledgement, recordAcknowledgements } from './private/acknowledgements';
import { Check } from './private/check';
import { StackModel } from './private/stack-model';
import { BUCKET_CHECKS, KEY_CHECKS } from './rules';
import { PropValidator } from '../private/validation';

/** What findings of an {@link EncryptionCompliance} check do. */
export enum ComplianceLevel {
  /** Synthesis fails with one error that lists every finding. */
  ERROR = 'ERROR',
  /** Each finding becomes a warning annotation on its bucket or key; synthesis goes on. */
  WARNING = 'WARNING',
}

/** Properties of an {@link EncryptionCompliance} check. */
export interface EncryptionComplianceProps {
  /**
   * Whether findings fail synthesis or only warn.
   *
   * @default ComplianceLevel.ERROR
   */
  readonly level?: ComplianceLevel;

  /**
   * The shortest deletion window, in days, a KMS key may have: between 7 and 30.
   * A key without `deletion_window_in_days` has KMS's default of 30.
   *
   * @default 30
   */
  readonly minimumDeletionWindowInDays?: number;
}

const CHECKS: Check[] = [...BUCKET_CHECKS, ...KEY_CHECKS];

/**
 * Checks every S3 bucket and KMS key in a scope against the encryption rules in
 * `EncryptionCompliance.RULES`, whether our constructs or raw provider classes created
 * them, and reports each violation with its rule id, resource path and a one-line fix:
 *
 * ```ts
 * Aspects.of(stack).add(new EncryptionCompliance());
 * ```
 *
 * Add it to each stack (cdktf does not apply aspects added to the App). The check runs
 * with the stack's validations, during `app.synth()`, `cdktf synth`,
 * `Testing.fullSynth(stack)` and `Testing.synth(stack, true)`; plain
 * `Testing.synth(stack)` and `skipValidation` skip it.
 */
export class EncryptionCompliance implements IAspect {
  /** Every rule the check applies, with the cdk-nag, checkov and trivy rules each corresponds to. */
  public static readonly RULES: ComplianceRule[] = CHECKS.map((check) => check.rule);

  /**
   * Accepts findings of one rule on `scope` and every bucket or key beneath it. The
   * acknowledgement, with its reason, is written into each such resource's synthesized
   * JSON under `"//": { "encryption_compliance": { "acknowledged": [...] } }`.
   *
   * Throws for a rule id that does not exist or a blank reason.
   *
   * @param scope the bucket, key or any construct above them
   * @param ruleId the id of the rule, e.g. `S3-VERSIONING`
   * @param reason why the finding is acceptable, recorded with it
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    const v = new PropValidator(scope, 'EncryptionCompliance.acknowledge');
    const ids = CHECKS.map((check) => check.rule.id);
    if (!ids.includes(ruleId)) v.fail('ruleId', `must be one of ${ids.join(', ')}`, ruleId);
    if (typeof reason !== 'string' || reason.trim() === '') {
      v.fail('reason', 'must say why the finding is acceptable', reason);
    }
    addAcknowledgement(scope, ruleId, reason.trim());
  }

  private readonly level: ComplianceLevel;
  private readonly minimumDeletionWindowInDays: number;
  /** The buckets and keys visited, per stack. */
  private readonly subjects = new Map<TerraformStack, Set<TerraformResource>>();
  /** Warnings already added, so synthesizing twice does not repeat them. */
  private readonly warned = new Set<string>();

  constructor(props: EncryptionComplianceProps = {}) {
    // An aspect has no place in the tree: a detached root names it in error messages.
    const v = new PropValidator(new RootConstruct('aspect'), 'EncryptionCompliance');
    v.oneOf('level', props.level, Object.values(ComplianceLevel));
    v.integerInRange('minimumDeletionWindowInDays', props.minimumDeletionWindowInDays, 7, 30);
    this.level = props.level ?? ComplianceLevel.ERROR;
    this.minimumDeletionWindowInDays = props.minimumDeletionWindowInDays ?? 30;
  }

  /**
   * Records a bucket or key as in scope (cdktf calls this for every construct).
   *
   * The rules run once per stack, in a validation added on the first visit, because
   * they span resources (a bucket's encryption, public access block, ownership,
   * versioning and policy are separate resources) and must see the finished tree.
   *
   * @param node the construct being visited
   */
  public visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const checks = checksFor(node.terraformResourceType);
    if (checks.length === 0) return;
    const acknowledged = acknowledgementsOf(node);
    recordAcknowledgements(node, checks.flatMap((check) => acknowledged.get(check.rule.id) ?? []));
    this.subjectsIn(TerraformStack.of(node)).add(node);
  }

  private subjectsIn(stack: TerraformStack): Set<TerraformResource> {
    const existing = this.subjects.get(stack);
    if (existing) return existing;
    const subjects = new Set<TerraformResource>();
    this.subjects.set(stack, subjects);
    stack.node.addValidation({ validate: () => this.report(stack, subjects) });
    return subjects;
  }

  /** Errors for the validation to fail with, or none after adding warnings. */
  private report(stack: TerraformStack, subjects: Set<TerraformResource>): string[] {
    const findings = this.findings(stack, subjects);
    if (this.level === ComplianceLevel.ERROR) return findings.map(({ message }) => message);
    for (const { resource, message } of findings) {
      if (this.warned.has(message)) continue;
      this.warned.add(message);
      Annotations.of(resource).addWarning(message);
    }
    return [];
  }

  private findings(stack: TerraformStack, subjects: Set<TerraformResource>): Array<{ resource: TerraformResource; message: string }> {
    const model = StackModel.read(stack);
    const context = { model, minimumDeletionWindowInDays: this.minimumDeletionWindowInDays };
    return [...subjects].flatMap((resource) => {
      const subject = model.elementOf(resource);
      if (!subject) return [];
      const acknowledged = acknowledgementsOf(resource);
      return checksFor(subject.type)
        .filter((check) => !acknowledged.has(check.rule.id))
        .flatMap((check) => {
          const problem = check.problem(subject, context);
          if (problem === undefined) return [];
          const message = `${check.rule.id} ${resource.node.path} (${subject.address}): ${problem}. Fix: ${check.rule.fix}`;
          return [{ resource, message }];
        });
    });
  }
}

function checksFor(resourceType: string): Check[] {
  return CHECKS.filter((check) => check.rule.resourceType === resourceType);
}
