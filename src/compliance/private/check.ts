import { ComplianceRule } from '../compliance-rule';
import { Element, StackModel } from './stack-model';

/** What every check may read besides its subject. */
export interface CheckContext {
  readonly model: StackModel;
  readonly minimumDeletionWindowInDays: number;
}

/** A rule and the logic that applies it to one bucket or key. */
export interface Check {
  readonly rule: ComplianceRule;
  /** What is wrong with `subject`, as a clause without a final period; undefined when it complies. */
  problem(subject: Element, context: CheckContext): string | undefined;
}

/** Terraform reads both `true` and `"true"` as true. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
