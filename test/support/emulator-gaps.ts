/**
 * What moto's server (the deploy tier's local AWS endpoint) gets wrong, named: each entry
 * excuses one attribute of one resource type in one check, and nothing else.
 *
 * A check asks `unexcusedChanges` for a plan's changes; every gap it excused is recorded,
 * and the deploy tier fails if a gap was never needed (the emulator was fixed, or the
 * library no longer writes that attribute): see `unusedGaps`.
 */
import type { Plan, ResourceChange } from './deploy';

/** The checks a gap can excuse. */
export type GapCheck =
  /** A second plan after an apply must be empty. */
  | 'converges';

export interface EmulatorGap {
  readonly check: GapCheck;
  readonly resourceType: string;
  /** A path into the resource's attributes: `rule.*.delete_marker_replication` (`*`: any list index). */
  readonly attribute: string;
  /** Why, with the emulator's source that shows it. */
  readonly why: string;
}

export const EMULATOR_GAPS: readonly EmulatorGap[] = [
  {
    check: 'converges',
    resourceType: 'aws_s3_bucket_replication_configuration',
    attribute: 'rule.*.delete_marker_replication',
    why: 'moto 5.2 reports every rule\'s DeleteMarkerReplication as Disabled (moto/s3/responses.py, get_bucket_replication), '
      + 'so a rule that replicates delete markers reads back as one that does not',
  },
  {
    check: 'converges',
    resourceType: 'aws_s3_bucket_replication_configuration',
    attribute: 'rule.*.source_selection_criteria',
    why: 'moto 5.2 drops SourceSelectionCriteria (moto/s3/responses.py, get_bucket_replication), so the rule\'s '
      + 'SSE-KMS object selection reads back as absent',
  },
];

const used = new Set<EmulatorGap>();

/** Paths (`a.0.b`) at which `before` and `after` differ, down to scalars and unequal-length lists. */
export function differingPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (v: unknown) => typeof v === 'object' && v !== null;
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => differingPaths(b, after[i], `${prefix}${i}.`));
  }
  if (isObject(before) && isObject(after) && !Array.isArray(before) && !Array.isArray(after)) {
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    return [...new Set([...Object.keys(b), ...Object.keys(a)])].sort().flatMap((k) => differingPaths(b[k], a[k], `${prefix}${k}.`));
  }
  return [prefix.replace(/\.$/, '')];
}

function matches(pattern: string, attributePath: string): boolean {
  const want = pattern.split('.');
  const got = attributePath.split('.');
  return want.every((part, i) => part === '*' ? /^\d+$/.test(got[i] ?? '') : part === got[i]);
}

/**
 * The plan's changes that are not no-ops, less the attribute differences that a gap of
 * `check` excuses; an update whose every difference is excused is dropped. Records the gaps used.
 * Each remaining change is `address: actions [paths]`.
 */
export function unexcusedChanges(saved: Plan, check: GapCheck): string[] {
  const out: string[] = [];
  for (const change of saved.changes) {
    if (change.actions.join() === 'no-op' || change.actions.join() === 'read') continue;
    const paths = change.actions.join() === 'update' ? differingPaths(change.before, change.after) : [];
    const remaining = paths.filter((p) => {
      const gap = EMULATOR_GAPS.find((g) => g.check === check && g.resourceType === change.type && matches(g.attribute, p));
      if (gap) used.add(gap);
      return !gap;
    });
    if (change.actions.join() === 'update' && paths.length > 0 && remaining.length === 0) continue;
    out.push(`${change.address}: ${change.actions.join('+')}${remaining.length ? ` [${remaining.join(', ')}]` : ''}${describeImport(change)}`);
  }
  return out;
}

function describeImport(change: ResourceChange): string {
  return change.importing ? ` (import ${change.importing})` : '';
}

/** The gaps no check has needed so far in this process. */
export function unusedGaps(): EmulatorGap[] {
  return EMULATOR_GAPS.filter((gap) => !used.has(gap));
}
