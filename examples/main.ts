import { App } from 'cdktf';
import { AccessLogsStack } from './access-logs';
import { DefaultEncryptionStack } from './default-encryption';
import { ManagedCmkStack } from './managed-cmk';
import { PinnedCmkStack } from './pinned-cmk';
import { ReplicationStack } from './replication';
import { RequireSseKmsStack } from './require-sse-kms';
import { SseS3HttpsOnlyStack } from './sse-s3-https-only';

// One stack per scenario; `cdktf deploy <stack name>` deploys one of them.
const app = new App();
new ManagedCmkStack(app, 'managed-cmk');
new RequireSseKmsStack(app, 'require-sse-kms');
new PinnedCmkStack(app, 'pinned-cmk');
new DefaultEncryptionStack(app, 'default-encryption');
new SseS3HttpsOnlyStack(app, 'sse-s3-https-only');
new AccessLogsStack(app, 'access-logs');
new ReplicationStack(app, 'replication');
app.synth();
