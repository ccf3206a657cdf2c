/**
 * IAM policy documents compared statement by statement, as the behaviour gate
 * (behaviour-diff.ts) reads them: a statement is matched by its Sid, or by its whole
 * content when it has none, so reordered statements, actions or condition values are no
 * change. Each changed statement is judged: does it now match more requests (a wider
 * Allow loosens) or fewer (a narrower Deny loosens)? Where that cannot be told (a flipped
 * Bool, a changed operator), both are assumed, so the change counts as loosening.
 *
 * Terraform references in a document (`${aws_s3_bucket.x.arn}`) are compared as text: a
 * changed reference is a resource or principal added and another removed.
 */

/** One statement's difference: what changed, and whether it loosens the policy. */
export interface StatementChange {
  readonly what: string;
  readonly loosens: boolean;
}

interface Statement {
  readonly effect: string;
  /** Action, NotAction, Resource, NotResource, Principal, NotPrincipal: sets of patterns. */
  readonly sets: Record<string, string[]>;
  /** `operator|key` (the key in lower case, as IAM compares it) to its values. */
  readonly conditions: Record<string, string[]>;
  /** `operator|key` to the key as written, for messages. */
  readonly conditionKeys: Record<string, string>;
}

const SET_FIELDS = ['Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal'];

/** Condition operators whose condition matches more requests as values are added. */
const ANY_OF = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike', 'NumericEquals', 'DateEquals', 'IpAddress', 'BinaryEquals']);
/** ... and those that match fewer. */
const NONE_OF = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'NumericNotEquals', 'DateNotEquals', 'NotIpAddress']);

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map((v) => String(v));

/** Principal `"*"` is `{"AWS": "*"}`; each principal becomes `TYPE value`. */
function principals(value: unknown): string[] {
  if (value === '*') return ['AWS *'];
  return Object.entries(value as Record<string, unknown>).flatMap(([type, ids]) => asList(ids).map((id) => `${type} ${id}`));
}

function normalize(raw: any): Statement {
  const sets: Record<string, string[]> = {};
  for (const field of SET_FIELDS) {
    if (raw[field] === undefined) continue;
    const values = field.endsWith('Principal') ? principals(raw[field]) : asList(raw[field]);
    // Action names are case-insensitive in IAM; resources and principals are not.
    sets[field] = [...new Set(field.endsWith('Action') ? values.map((v) => v.toLowerCase()) : values)].sort();
  }
  const conditions: Record<string, string[]> = {};
  const conditionKeys: Record<string, string> = {};
  for (const [operator, keys] of Object.entries((raw.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
    // Condition keys are case-insensitive.
    for (const [key, values] of Object.entries(keys)) {
      conditions[`${operator}|${key.toLowerCase()}`] = [...new Set(asList(values))].sort();
      conditionKeys[`${operator}|${key.toLowerCase()}`] = key;
    }
  }
  return { effect: String(raw.Effect), sets, conditions, conditionKeys };
}

const canonical = ({ effect, sets, conditions }: Statement): string => JSON.stringify({ effect, sets, conditions });

/**
 * Whether IAM pattern `wide` matches everything pattern `narrow` matches: `*` in `wide`
 * matches any run of characters (wildcards of `narrow` included), `?` one character that
 * is not a wildcard of `narrow`.
 */
export function covers(wide: string, narrow: string): boolean {
  if (wide === narrow || wide === '*') return true;
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    if (memo.has(key)) return memo.get(key)!;
    let result: boolean;
    if (i === wide.length) result = j === narrow.length;
    else if (wide[i] === '*') result = match(i + 1, j) || (j < narrow.length && match(i, j + 1));
    else if (j === narrow.length) result = false;
    else if (wide[i] === '?') result = narrow[j] !== '*' && narrow[j] !== '?' && match(i + 1, j + 1);
    else result = wide[i] === narrow[j] && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/** Principals: everyone (`AWS *`) covers every principal of any type. */
function coversPrincipal(wide: string, narrow: string): boolean {
  if (wide === 'AWS *') return true;
  const [wideType, wideId] = [wide.slice(0, wide.indexOf(' ')), wide.slice(wide.indexOf(' ') + 1)];
  return narrow.startsWith(`${wideType} `) && covers(wideId, narrow.slice(wideType.length + 1));
}

interface Direction { grows: boolean; shrinks: boolean }

/** How a statement's set field changed: patterns added that no old one covers widen it. */
function compareSet(field: string, before: string[], after: string[], out: string[]): Direction {
  const cover = field.endsWith('Principal') ? coversPrincipal : covers;
  const added = after.filter((a) => !before.some((b) => cover(b, a)));
  const removed = before.filter((b) => !after.some((a) => cover(a, b)));
  if (added.length === 0 && removed.length === 0) {
    if (JSON.stringify(before) !== JSON.stringify(after)) out.push(`${field} ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
    return { grows: false, shrinks: false };
  }
  out.push(`${field}${added.length ? ` +${JSON.stringify(added)}` : ''}${removed.length ? ` -${JSON.stringify(removed)}` : ''}`);
  // A Not* field lists what the statement does not apply to: adding to it narrows it.
  const negated = field.startsWith('Not');
  return { grows: negated ? removed.length > 0 : added.length > 0, shrinks: negated ? added.length > 0 : removed.length > 0 };
}

/** How one condition's values changed, by its operator's meaning. */
function compareCondition(operator: string, before: string[], after: string[]): Direction {
  const base = operator.replace(/^For(All|Any)Values:/, '').replace(/IfExists$/, '');
  const added = after.some((v) => !before.includes(v));
  const removed = before.some((v) => !after.includes(v));
  if (ANY_OF.has(base)) return { grows: added, shrinks: removed };
  if (NONE_OF.has(base)) return { grows: removed, shrinks: added };
  const numbers = (values: string[]) => values.map(Number);
  if (/^Numeric(Less|Greater)Than(Equals)?$/.test(base) && [...before, ...after].every((v) => !Number.isNaN(Number(v)))) {
    // Any value satisfying the comparison matches: the bound is the most permissive value.
    const less = base.startsWith('NumericLess');
    const bound = (values: string[]) => (less ? Math.max(...numbers(values)) : Math.min(...numbers(values)));
    const [was, is] = [bound(before), bound(after)];
    return less ? { grows: is > was, shrinks: is < was } : { grows: is < was, shrinks: is > was };
  }
  // Bool, Null, dates and the rest: a changed value may match anything.
  return { grows: true, shrinks: true };
}

/** What changed in a statement matched across the two documents, and its direction. */
function compareStatement(before: Statement, after: Statement): { details: string[]; direction: Direction } {
  const details: string[] = [];
  const direction: Direction = { grows: false, shrinks: false };
  const add = (d: Direction) => {
    direction.grows ||= d.grows;
    direction.shrinks ||= d.shrinks;
  };
  if (before.effect !== after.effect) {
    details.push(`Effect ${before.effect} -> ${after.effect}`);
    add({ grows: true, shrinks: true });
  }
  for (const field of SET_FIELDS) {
    const [was, is] = [before.sets[field], after.sets[field]];
    if (was === undefined && is === undefined) continue;
    if (was === undefined || is === undefined) {
      // Action became NotAction, or a Principal appeared: unknown, assume both.
      details.push(`${field} ${was === undefined ? 'added' : 'removed'}: ${JSON.stringify(was ?? is)}`);
      add({ grows: true, shrinks: true });
      continue;
    }
    add(compareSet(field, was, is, details));
  }
  for (const key of new Set([...Object.keys(before.conditions), ...Object.keys(after.conditions)])) {
    const [was, is] = [before.conditions[key], after.conditions[key]];
    const operator = key.split('|')[0];
    const conditionKey = after.conditionKeys[key] ?? before.conditionKeys[key];
    if (was !== undefined && is !== undefined && JSON.stringify(was) === JSON.stringify(is)) continue;
    details.push(`Condition ${operator} ${conditionKey}: ${was ? JSON.stringify(was) : '(none)'} -> ${is ? JSON.stringify(is) : '(none)'}`);
    // A condition removed lets the statement match more requests; one added, fewer.
    if (is === undefined) add({ grows: true, shrinks: false });
    else if (was === undefined) add({ grows: false, shrinks: true });
    else add(compareCondition(operator, was, is));
  }
  return { details, direction };
}

/** An Allow that matches more, or a Deny that matches less, loosens. */
const loosens = (effect: string, d: Direction) => (effect === 'Deny' ? d.shrinks : d.grows);

/** A document's statements by Sid, or by content for those without one. */
function statementsOf(document: any): Map<string, Statement> {
  const raw = document.Statement === undefined ? [] : Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const byKey = new Map<string, Statement>();
  for (const statement of raw) {
    const normalized = normalize(statement);
    let key = statement.Sid ? `"${statement.Sid}"` : `without Sid ${canonical(normalized)}`;
    for (let n = 2; byKey.has(key); n++) key = `${key} #${n}`;
    byKey.set(key, normalized);
  }
  return byKey;
}

/** Parses a policy document; undefined when it is not JSON (a Terraform expression, say). */
export function parsePolicy(text: unknown): any | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const parsed = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an attribute holds a policy document. */
export function isPolicy(attribute: string, value: unknown): boolean {
  // A string: `block_public_policy` is a boolean.
  if (typeof value !== 'string') return false;
  return attribute === 'policy' || attribute.endsWith('_policy') || parsePolicy(value)?.Statement !== undefined;
}

/**
 * The differences between two policy documents (JSON text, or undefined when the
 * resource has none), one per statement added, removed or changed.
 */
export function policyChanges(beforeText: unknown, afterText: unknown): StatementChange[] {
  if (beforeText === afterText) return [];
  const [before, after] = [beforeText === undefined ? {} : parsePolicy(beforeText), afterText === undefined ? {} : parsePolicy(afterText)];
  if (before === undefined || after === undefined) {
    // Not JSON: what it allows cannot be told here.
    return [{ what: `policy text changed and is not a JSON document: ${JSON.stringify(beforeText)} -> ${JSON.stringify(afterText)}`, loosens: true }];
  }
  const changes: StatementChange[] = [];
  for (const key of ['Version', 'Id']) {
    if (before[key] !== after[key] && beforeText !== undefined && afterText !== undefined) {
      changes.push({ what: `${key} ${JSON.stringify(before[key])} -> ${JSON.stringify(after[key])}`, loosens: false });
    }
  }
  const [was, is] = [statementsOf(before), statementsOf(after)];
  for (const [key, statement] of was) {
    const now = is.get(key);
    if (now === undefined) {
      changes.push({ what: `statement ${key} (${statement.effect}) removed`, loosens: statement.effect !== 'Allow' });
      continue;
    }
    const { details, direction } = compareStatement(statement, now);
    if (details.length === 0) continue;
    const effect = statement.effect === now.effect ? statement.effect : `${statement.effect} -> ${now.effect}`;
    const loose = statement.effect === now.effect ? loosens(now.effect, direction) : now.effect !== 'Deny';
    changes.push({ what: `statement ${key} (${effect}): ${details.join('; ')}`, loosens: loose });
  }
  for (const [key, statement] of is) {
    if (!was.has(key)) changes.push({ what: `statement ${key} (${statement.effect}) added`, loosens: statement.effect !== 'Deny' });
  }
  return changes;
}
