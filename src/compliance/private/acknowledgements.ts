import { TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';

/** An accepted finding: the rule, why it is accepted, and the scope it was given on. */
export interface Acknowledgement {
  readonly ruleId: string;
  readonly reason: string;
  readonly scope: string;
}

/**
 * Construct metadata, like cdk-nag's suppressions: it travels with the tree, is visible
 * to any tool that walks it, and works across copies of this library.
 */
const METADATA_TYPE = 'cdktf-encrypted-s3/compliance-acknowledgement';

export function addAcknowledgement(scope: IConstruct, ruleId: string, reason: string): void {
  scope.node.addMetadata(METADATA_TYPE, { ruleId, reason });
}

/** The acknowledgements given on `construct` itself. */
export function ownAcknowledgements(construct: IConstruct): Acknowledgement[] {
  return construct.node.metadata
    .filter(({ type }) => type === METADATA_TYPE)
    .map(({ data }) => ({ ruleId: data.ruleId, reason: data.reason, scope: construct.node.path }));
}

/** The acknowledgements that apply to `construct`, by rule id; the nearest scope wins. */
export function acknowledgementsOf(construct: IConstruct): Map<string, Acknowledgement> {
  const result = new Map<string, Acknowledgement>();
  // Root first, so a scope nearer the construct overwrites what an outer one said.
  for (const scope of construct.node.scopes) {
    for (const { type, data } of scope.node.metadata) {
      if (type === METADATA_TYPE) result.set(data.ruleId, { ruleId: data.ruleId, reason: data.reason, scope: scope.node.path });
    }
  }
  return result;
}

/**
 * Writes acknowledgements into the resource's synthesized JSON under Terraform's
 * comment key `//`, which Terraform ignores and cdktf merges with its own metadata,
 * so reviewers of cdk.tf.json see what was accepted and why.
 */
export function recordAcknowledgements(resource: TerraformResource, acknowledgements: Acknowledgement[]): void {
  if (acknowledgements.length === 0) return;
  resource.addOverride(
    '//.encryption_compliance.acknowledged',
    acknowledgements.map(({ ruleId, reason, scope }) => ({ rule: ruleId, reason, scope })),
  );
}
