import { Annotations, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct, RootConstruct } from 'constructs';
import { ComplianceRule } from './compliance-rule';
import { Acknowledgement, acknowledgementsOf, addAcknowledgement, ownAcknowledgements, recordAcknowledgements } from './private/acknowledgements';
import { Check } from './private/check';
import { guardCheckPlacement, markCheck } from './private/placement';
import { StackModel } from './private/stack-model';
import { BUCKET_CHECKS, KEY_CHECKS } from './rules';
import { PropValidator } from '../private/validation';

/** What findings of an `EncryptionCompliance` check do. */
export enum ComplianceLevel {
  /** Synthesis fails with one error that lists every finding. */
  ERROR = 'ERROR',
  /** Each finding becomes a warning annotation on its bucket or key, and synthesis goes on. */
  WARNING = 'WARNING',
}

/** Properties of an `EncryptionCompliance` check. */
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
    guardCheckPlacement(scope);
  }

  private readonly level: ComplianceLevel;
  private readonly minimumDeletionWindowInDays: number;

  /**
   * @param props the level of findings and the shortest deletion window accepted
   */
  constructor(props: EncryptionComplianceProps = {}) {
    // An aspect has no place in the tree: a detached root names it in error messages.
    const v = new PropValidator(new RootConstruct('aspect'), 'EncryptionCompliance');
    v.oneOf('level', props.level, Object.values(ComplianceLevel));
    v.integerInRange('minimumDeletionWindowInDays', props.minimumDeletionWindowInDays, 7, 30);
    this.level = props.level ?? ComplianceLevel.ERROR;
    this.minimumDeletionWindowInDays = props.minimumDeletionWindowInDays ?? 30;
    markCheck(this);
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
    const run = this.runIn(TerraformStack.of(node));
    for (const acknowledgement of ownAcknowledgements(node)) run.acknowledgements.set(`${node.node.path}\u0000${acknowledgement.ruleId}`, { node, acknowledgement });
    if (!TerraformResource.isTerraformResource(node)) return;
    const checks = checksFor(node.terraformResourceType);
    if (checks.length === 0) return;
    const acknowledged = acknowledgementsOf(node);
    recordAcknowledgements(node, checks.flatMap((check) => acknowledged.get(check.rule.id) ?? []));
    run.subjects.add(node);
  }

  /**
   * The run of this check in `stack`. Checks with the same settings added to a stack
   * more than once (or to it and a scope inside it) share one run, so they report each
   * finding once.
   */
  private runIn(stack: TerraformStack): StackRun {
    const key = `${this.level}/${this.minimumDeletionWindowInDays}`;
    const runs = RUNS.get(stack) ?? new Map<string, StackRun>();
    RUNS.set(stack, runs);
    let run = runs.get(key);
    if (!run) {
      run = { subjects: new Set(), acknowledgements: new Map(), warned: new Set() };
      runs.set(key, run);
      const started = run;
      stack.node.addValidation({ validate: () => this.report(stack, started) });
    }
    return run;
  }

  /** Errors for the validation to fail with, or none after adding warnings. */
  private report(stack: TerraformStack, run: StackRun): string[] {
    const { findings, stale } = this.findings(stack, run);
    const warn = (scope: IConstruct, message: string) => {
      if (run.warned.has(message)) return;
      run.warned.add(message);
      Annotations.of(scope).addWarning(message);
    };
    for (const { node, acknowledgement } of stale) {
      warn(node, `EncryptionCompliance: the acknowledgement of ${acknowledgement.ruleId} on ${node.node.path} matches no finding; remove it (reason given: ${acknowledgement.reason})`);
    }
    if (this.level === ComplianceLevel.ERROR) return findings.map(({ message }) => message);
    for (const { resource, message } of findings) warn(resource, message);
    return [];
  }

  /** Findings that are not acknowledged, and acknowledgements that no finding matches. */
  private findings(stack: TerraformStack, run: StackRun): { findings: Finding[]; stale: AcknowledgementAt[] } {
    const model = StackModel.read(stack);
    const context = { model, minimumDeletionWindowInDays: this.minimumDeletionWindowInDays };
    const findings: Finding[] = [];
    const matched = new Set<string>();
    for (const resource of run.subjects) {
      const subject = model.elementOf(resource);
      if (!subject) continue;
      const acknowledged = acknowledgementsOf(resource);
      for (const check of checksFor(subject.type)) {
        const problem = check.problem(subject, context);
        if (problem === undefined) continue;
        const acknowledgement = acknowledged.get(check.rule.id);
        if (acknowledgement) {
          matched.add(`${acknowledgement.scope}\u0000${check.rule.id}`);
          continue;
        }
        const path = resource.node.path;
        findings.push({
          resource,
          message: `${check.rule.id} ${path} (${subject.address}): ${problem}. Fix: ${check.rule.fix} `
            + `Or, if it is acceptable: EncryptionCompliance.acknowledge(<${path}>, '${check.rule.id}', '<why>').`,
        });
      }
    }
    const stale = [...run.acknowledgements.entries()].filter(([key]) => !matched.has(key)).map(([, at]) => at);
    return { findings, stale };
  }
}

/** One check's state in one stack, shared by checks with the same settings. */
interface StackRun {
  /** The buckets and keys visited. */
  readonly subjects: Set<TerraformResource>;
  /** Acknowledgements given on constructs the check visited, by path and rule. */
  readonly acknowledgements: Map<string, AcknowledgementAt>;
  /** Warnings already added, so synthesizing twice does not repeat them. */
  readonly warned: Set<string>;
}

interface AcknowledgementAt {
  readonly node: IConstruct;
  readonly acknowledgement: Acknowledgement;
}

interface Finding {
  readonly resource: TerraformResource;
  readonly message: string;
}

const RUNS = new WeakMap<TerraformStack, Map<string, StackRun>>();

function checksFor(resourceType: string): Check[] {
  return CHECKS.filter((check) => check.rule.resourceType === resourceType);
}
