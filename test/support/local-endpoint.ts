/**
 * The aspect of README's "Rehearse a deploy locally", as users add it to their app: with
 * AWS_ENDPOINT_URL set, every AWS provider sends S3 requests path-style
 * (`http://127.0.0.1:5050/<bucket>`), because a local endpoint has no `<bucket>.127.0.0.1`
 * host names. The provider reads the endpoint and credentials from the environment; path
 * style has no environment form.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IAspect } from 'cdktf';
import { IConstruct } from 'constructs';

export class LocalEndpoint implements IAspect {
  public visit(node: IConstruct): void {
    if (node instanceof AwsProvider) node.s3UsePathStyle = true;
  }
}
