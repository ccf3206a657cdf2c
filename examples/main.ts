import { App } from 'cdktf';
import { AccessLogsStack } from './access-logs';
import { AdoptConsoleLabStack } from './adopt-console-lab';
import { BackupVaultStack } from './backup-vault';
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
new BackupVaultStack(app, 'backup-vault');
// Adopts an existing key and bucket: set LAB_KEY_ID and LAB_BUCKET_NAME to yours (the
// defaults are placeholders in the style of AWS's documentation), and
// LAB_TIGHTEN=true for the second deploy (README, "Bring existing resources under the library").
new AdoptConsoleLabStack(app, 'adopt-console-lab', {
  keyId: process.env.LAB_KEY_ID ?? '1234abcd-12ab-34cd-56ef-1234567890ab',
  bucketName: process.env.LAB_BUCKET_NAME ?? 'console-lab-bucket-111122223333',
  tighten: process.env.LAB_TIGHTEN === 'true',
});
app.synth();
