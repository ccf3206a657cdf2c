/**
 * The emulator-gap list excuses exactly its attribute, in its check, on its resource type,
 * and notices a gap that nothing needed.
 */
import type { Plan, ResourceChange } from './deploy';
import { differingPaths, EMULATOR_GAPS, unexcusedChanges, unusedGaps } from './emulator-gaps';

function planOf(...changes: Array<Partial<ResourceChange>>): Plan {
  return {
    summary: '',
    file: '',
    json: {},
    priorIds: [],
    changes: changes.map((c) => ({ address: `${c.type}.x`, type: 'aws_s3_bucket', actions: ['update'], before: {}, after: {}, ...c }) as ResourceChange),
  };
}

const replicationRule = (deleteMarkers: string, selection: unknown[]) => ({
  rule: [{ id: 'r', delete_marker_replication: [{ status: deleteMarkers }], source_selection_criteria: selection, status: 'Enabled' }],
});

test('before any check, every gap is unused', () => {
  expect(EMULATOR_GAPS.length).toBeGreaterThan(0);
  expect(unusedGaps()).toEqual(EMULATOR_GAPS);
});

test('differingPaths names the scalar or list that differs, with list indexes', () => {
  expect(differingPaths({ a: [{ b: 1, c: 2 }], d: 'x' }, { a: [{ b: 1, c: 3 }], d: 'x' })).toEqual(['a.0.c']);
  expect(differingPaths({ a: [] }, { a: [1] })).toEqual(['a']);
  expect(differingPaths({ a: 1 }, { a: 1 })).toEqual([]);
});

test('a gap excuses its attribute on its resource type only, and the rest of the change still counts', () => {
  const type = 'aws_s3_bucket_replication_configuration';
  const excused = planOf({ type, before: replicationRule('Disabled', []), after: replicationRule('Enabled', [{ sse_kms_encrypted_objects: [] }]) });
  expect(unexcusedChanges(excused, 'converges')).toEqual([]);

  const more = planOf({ type, before: { ...replicationRule('Disabled', []), role: 'a' }, after: { ...replicationRule('Enabled', []), role: 'b' } });
  expect(unexcusedChanges(more, 'converges')).toEqual([`${type}.x: update [role]`]);

  const otherType = planOf({ type: 'aws_s3_bucket_lifecycle_configuration', before: replicationRule('Disabled', []), after: replicationRule('Enabled', []) });
  expect(unexcusedChanges(otherType, 'converges')).toEqual(['aws_s3_bucket_lifecycle_configuration.x: update [rule.0.delete_marker_replication.0.status]']);

  const replaced = planOf({ type, actions: ['delete', 'create'], before: replicationRule('Disabled', []), after: replicationRule('Enabled', []) });
  expect(unexcusedChanges(replaced, 'converges')).toEqual([`${type}.x: delete+create`]);
});

test('every gap names a resource type, an attribute and why; unusedGaps lists those no check needed', () => {
  for (const gap of EMULATOR_GAPS) {
    expect(gap.resourceType).toMatch(/^aws_/);
    expect(gap.attribute).not.toBe('');
    expect(gap.why).toMatch(/moto\/\S+\.py/);
  }
  // The checks above used both replication gaps, and only those.
  expect(unusedGaps()).toEqual(EMULATOR_GAPS.filter((g) => g.resourceType !== 'aws_s3_bucket_replication_configuration'));
  expect(unusedGaps().length).toBeLessThan(EMULATOR_GAPS.length);
});
