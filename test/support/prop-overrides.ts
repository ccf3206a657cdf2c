/**
 * A redeploy of an example with one option changed, without editing the example: a test
 * mocks the library (`jest.mock('../../src', () => require('../support/prop-overrides')
 * .withPropOverrides(jest.requireActual('../../src')))`), and `synthWithOverrides` lays
 * props over those the example passes, by construct path, while one synth runs.
 */

/** `stack/Bucket` (a construct's path) to the props to lay over the example's. */
export type PropOverrides = Record<string, (props: any) => any>;

let active: PropOverrides | undefined;
const applied = new Set<string>();

/** The library with ManagedCmk and EncryptedBucket replaced by subclasses that apply the active overrides. */
export function withPropOverrides(library: any): any {
  const patch = (Base: any) => class extends Base {
    constructor(scope: any, id: string, props: any) {
      const override = active?.[`${scope.node.path}/${id}`];
      if (override) applied.add(`${scope.node.path}/${id}`);
      super(scope, id, override ? override(props ?? {}) : props);
    }
  };
  return { ...library, ManagedCmk: patch(library.ManagedCmk), EncryptedBucket: patch(library.EncryptedBucket) };
}

/** Runs `synth` (synchronous) with `overrides` active; throws if one named no construct. */
export function synthWithOverrides<T>(overrides: PropOverrides, synth: () => T): T {
  active = overrides;
  applied.clear();
  try {
    const result = synth();
    const missed = Object.keys(overrides).filter((p) => !applied.has(p));
    if (missed.length > 0) throw new Error(`prop overrides matched no construct: ${missed.join(', ')}`);
    return result;
  } finally {
    active = undefined;
  }
}
