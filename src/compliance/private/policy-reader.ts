import { parseJsonencode } from './jsonencode';
import { blockList, isObject } from './stack-model';
import { isPublicPrincipal } from '../../private/iam';

/**
 * One policy statement with every list-valued field as a list of strings, so rules
 * never deal with IAM's "string or list" shorthand. Strings keep Terraform references
 * as `${...}`.
 */
export interface Statement {
  readonly sid?: string;
  readonly effect: string;
  /** Principal type to identifiers; `"*"` is stored as `{ "*": ["*"] }`. */
  readonly principals?: Record<string, string[]>;
  readonly actions: string[];
  readonly resources: string[];
  /** Operator to condition key to values; empty when the statement has no condition. */
  readonly conditions: Record<string, Record<string, string[]>>;
  /** Whether NotPrincipal, NotAction or NotResource is used, which inverts the statement's reach. */
  readonly negated: boolean;
  /** Whether NotPrincipal is used: an Allow with it reaches everyone it does not name. */
  readonly notPrincipal: boolean;
}

/** Looks up the resolved configuration of a data source in the same stack. */
export type DataSourceLookup = (type: string, name: string) => Record<string, unknown> | undefined;

/**
 * The statements of a policy attribute as cdktf synthesizes it: JSON text (our
 * constructs write it with `${...}` references inside), `${jsonencode(...)}` (from
 * `Fn.jsonencode`, or our constructs when a list token forces it), or a reference to an
 * `aws_iam_policy_document` data source in the stack. Undefined when the policy cannot
 * be read, which callers report instead of guessing.
 */
export function readPolicy(policy: unknown, lookup: DataSourceLookup, depth = 0): Statement[] | undefined {
  if (typeof policy !== 'string' || depth > MAX_DOCUMENT_DEPTH) return undefined;
  // A template directive (`%{ if ... }`) can cut statements out of the text Terraform renders.
  if (/(?<!%)%\{/.test(policy)) return undefined;
  const dataSource = POLICY_DOCUMENT_REF.exec(policy);
  if (dataSource) {
    return policyDocumentStatements(lookup('aws_iam_policy_document', dataSource[1]), lookup, depth);
  }
  if (policy.startsWith('${')) return documentStatements(parseJsonencode(policy));
  try {
    return documentStatements(JSON.parse(policy));
  } catch {
    return undefined;
  }
}

/** Data-source documents may include other documents; deeper nesting is not followed. */
const MAX_DOCUMENT_DEPTH = 5;
const POLICY_DOCUMENT_REF = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.(json|minified_json)\}$/;

/** Statements of a policy document in IAM's JSON shape. */
function documentStatements(document: unknown): Statement[] | undefined {
  if (!isObject(document)) return undefined;
  const raw = document.Statement;
  const items = Array.isArray(raw) ? raw : [raw];
  const statements = items.map(jsonStatement);
  return statements.every((s): s is Statement => s !== undefined) ? statements : undefined;
}

function jsonStatement(raw: unknown): Statement | undefined {
  if (!isObject(raw) || typeof raw.Effect !== 'string') return undefined;
  const principals = raw.Principal === undefined ? undefined : principalMap(raw.Principal);
  const actions = stringList(raw.Action ?? []);
  const resources = stringList(raw.Resource ?? []);
  const conditions = conditionMap(raw.Condition ?? {});
  if ((raw.Principal !== undefined && !principals) || !actions || !resources || !conditions) return undefined;
  return {
    sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
    effect: raw.Effect,
    principals,
    actions,
    resources,
    conditions,
    negated: ['NotPrincipal', 'NotAction', 'NotResource'].some((key) => raw[key] !== undefined),
    notPrincipal: raw.NotPrincipal !== undefined,
  };
}

function principalMap(raw: unknown): Record<string, string[]> | undefined {
  if (raw === '*') return { '*': ['*'] };
  if (!isObject(raw)) return undefined;
  const result: Record<string, string[]> = {};
  for (const [type, ids] of Object.entries(raw)) {
    const list = stringList(ids);
    if (!list) return undefined;
    result[type] = list;
  }
  return result;
}

function conditionMap(raw: unknown): Record<string, Record<string, string[]>> | undefined {
  if (!isObject(raw)) return undefined;
  const result: Record<string, Record<string, string[]>> = {};
  for (const [operator, entries] of Object.entries(raw)) {
    if (!isObject(entries)) return undefined;
    result[operator] = {};
    for (const [key, values] of Object.entries(entries)) {
      const list = stringList(values);
      if (!list) return undefined;
      result[operator][key] = list;
    }
  }
  return result;
}

/**
 * The statements of an `aws_iam_policy_document` data source, merged with its
 * `source_policy_documents` and `override_policy_documents` the way the provider
 * does: a statement replaces an earlier one with the same non-empty Sid.
 */
function policyDocumentStatements(
  config: Record<string, unknown> | undefined,
  lookup: DataSourceLookup,
  depth: number,
): Statement[] | undefined {
  if (!config || config.dynamic !== undefined) return undefined;
  const sources = nestedDocuments(config.source_policy_documents, lookup, depth);
  const own = blockList(config.statement ?? [])?.map(blockStatement);
  const overrides = nestedDocuments(config.override_policy_documents, lookup, depth);
  if (!sources || !own || !overrides || own.some((s) => s === undefined)) return undefined;
  return [own as Statement[], ...overrides].reduce(mergeBySid, sources.flat());
}

function nestedDocuments(raw: unknown, lookup: DataSourceLookup, depth: number): Statement[][] | undefined {
  const documents = argumentList(raw ?? []);
  const statements = documents?.map((document) => readPolicy(document, lookup, depth + 1));
  return statements?.every((s) => s !== undefined) ? statements as Statement[][] : undefined;
}

function mergeBySid(base: Statement[], additions: Statement[]): Statement[] {
  const result = [...base];
  for (const statement of additions) {
    const i = statement.sid ? result.findIndex((s) => s.sid === statement.sid) : -1;
    if (i >= 0) result[i] = statement;
    else result.push(statement);
  }
  return result;
}

/** A `statement` block of `aws_iam_policy_document`, in the provider's snake_case shape. */
function blockStatement(block: Record<string, unknown>): Statement | undefined {
  const principalBlocks = blockList(block.principals ?? []);
  const conditionBlocks = blockList(block.condition ?? []);
  const actions = argumentList(block.actions ?? []);
  const resources = argumentList(block.resources ?? []);
  if (!principalBlocks || !conditionBlocks || !actions || !resources) return undefined;

  const principals: Record<string, string[]> = {};
  for (const { type, identifiers } of principalBlocks) {
    const ids = argumentList(identifiers);
    if (typeof type !== 'string' || !ids) return undefined;
    principals[type] = [...(principals[type] ?? []), ...ids];
  }
  const conditions: Record<string, Record<string, string[]>> = {};
  for (const { test, variable, values } of conditionBlocks) {
    const list = argumentList(values);
    if (typeof test !== 'string' || typeof variable !== 'string' || !list) return undefined;
    conditions[test] = { ...conditions[test], [variable]: [...(conditions[test]?.[variable] ?? []), ...list] };
  }
  return {
    sid: typeof block.sid === 'string' ? block.sid : undefined,
    effect: typeof block.effect === 'string' ? block.effect : 'Allow',
    principals: principalBlocks.length > 0 ? principals : undefined,
    actions,
    resources,
    conditions,
    negated: ['not_principals', 'not_actions', 'not_resources'].some((key) => block[key] !== undefined),
    notPrincipal: block.not_principals !== undefined,
  };
}

/** A list argument of a data source; a string there is a token for a whole list. */
function argumentList(raw: unknown): string[] | undefined {
  return Array.isArray(raw) ? stringList(raw) : undefined;
}

/** IAM's "string or list of strings", with booleans and numbers as IAM reads them. */
function stringList(raw: unknown): string[] | undefined {
  const items = Array.isArray(raw) ? raw : [raw];
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number';
  return items.every(scalar) ? items.map(String) : undefined;
}

/**
 * Whether `s` is a Deny to everyone whose only condition is `operator key = value`: any
 * further condition would narrow the Deny, so only this exact one counts.
 */
export function isPublicDenyOnlyWhen(s: Statement, operator: string, key: string, value: string): boolean {
  if (s.effect !== 'Deny' || s.negated || !isPublicPrincipal(s.principals)) return false;
  const operators = Object.entries(s.conditions);
  if (operators.length !== 1 || operators[0][0] !== operator) return false;
  const keys = Object.entries(operators[0][1]);
  return keys.length === 1 && keys[0][0].toLowerCase() === key.toLowerCase() && keys[0][1].join() === value;
}
