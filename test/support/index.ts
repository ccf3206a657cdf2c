/**
 * Test support, by job:
 *  - synth.ts          in-memory apps and stacks, synthesized JSON, validation errors
 *  - policy.ts         policy documents: parsing, statements by Sid, the S3 encryption
 *                      condition keys, IAM action wildcards
 *  - iam.ts            IAM policy evaluation (iam-simulate)
 *  - request-table.ts  the bucket-policy request table and its evaluation
 *  - terraform.ts      real Terraform, offline: terraform-cli.ts, terraform-plan.ts,
 *                      terraform-state.ts
 *
 * Synth-and-assert tests import synth.ts and policy.ts directly, so that they load
 * neither the simulator nor the Terraform helpers.
 */
export * from './binding';
export * from './iam';
export * from './policy';
export * from './request-table';
export * from './synth';
export * from './terraform';
