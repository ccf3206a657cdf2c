/**
 * Test support: run real Terraform, offline, against a synthesized cdktf stack.
 *
 * Tiers offered:
 *  - `synthStack`        synthesize a stack into a fresh temp dir (and make it offline-ready)
 *  - `terraformInit`     `terraform init -backend=false` using a provider mirror + plugin cache
 *  - `terraformValidate` `terraform validate -json`, throws with the diagnostics when invalid
 *  - `terraformPlan`     a real-provider plan, run through `terraform test` so that
 *                        `data.aws_caller_identity` can be overridden (it would call STS)
 *  - `renderedState`     a `mock_provider` apply through `terraform test` with deterministic
 *                        ARNs, returning the state as Terraform renders it (concrete policies)
 *
 * By job: terraform-cli.ts (mirror, CLI config, synth, init, validate, `terraform test`
 * runs), terraform-plan.ts (plans and the overrides of data sources that would call AWS),
 * terraform-state.ts (mock-provider state and destroy plans).
 */
export * from './terraform-cli';
export * from './terraform-plan';
export * from './terraform-state';
