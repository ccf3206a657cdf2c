import { Aspects, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** Marks a check; a symbol from the global registry, so copies of this library agree. */
const CHECK = Symbol.for('cdktf-encrypted-s3.EncryptionCompliance');

export function markCheck(aspect: object): void {
  Object.defineProperty(aspect, CHECK, { value: true });
}

function isCheck(aspect: unknown): boolean {
  return typeof aspect === 'object' && aspect !== null && (aspect as Record<symbol, unknown>)[CHECK] === true;
}

const GUARDED = new WeakSet<TerraformStack>();

/**
 * cdktf applies the aspects of a stack and of the constructs inside it, never those of
 * the App or of other scopes above the stacks: a check added there would silently do
 * nothing. Every stack holding a construct of this library (or an acknowledgement)
 * therefore fails validation while a check sits above it and none on it.
 */
export function guardCheckPlacement(scope: IConstruct): void {
  const stack = scope.node.scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
  if (!stack || GUARDED.has(stack)) return;
  GUARDED.add(stack);
  stack.node.addValidation({ validate: () => misplacedChecks(stack) });
}

function misplacedChecks(stack: TerraformStack): string[] {
  if (Aspects.of(stack).all.some(isCheck)) return [];
  const above = stack.node.scopes.slice(0, -1).filter((scope) => Aspects.of(scope).all.some(isCheck));
  return above.map((scope) => {
    const where = scope.node.path === '' ? 'the App' : `"${scope.node.path}", above the stacks`;
    const stacks = scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c)).map((s) => s.node.path);
    return `EncryptionCompliance was added to ${where}, where cdktf never applies aspects, so nothing is checked. `
      + `Add it to each stack instead: ${stacks.map((path) => `Aspects.of(<stack ${path}>).add(new EncryptionCompliance())`).join('; ')}.`;
  });
}
