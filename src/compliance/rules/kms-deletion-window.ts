import { Check } from '../private/check';

/** A deleted key cannot be recovered, and neither can what it encrypted: the window is the time to notice. */
export const KMS_DELETION_WINDOW: Check = {
  rule: {
    id: 'KMS-DELETION-WINDOW',
    resourceType: 'aws_kms_key',
    description: 'deletion_window_in_days (unset means 30) is at least the configured minimum, 30 by default.',
    fix: 'Raise deletion_window_in_days to the minimum or leave it unset for 30 (ManagedCmk: deletionWindowInDays).',
    cdkNag: [],
    checkov: [],
    trivy: [],
  },
  problem: (key, { minimumDeletionWindowInDays: minimum }) => {
    const days = key.config.deletion_window_in_days ?? DEFAULT_DELETION_WINDOW;
    if (typeof days !== 'number' && !(typeof days === 'string' && /^\d+$/.test(days))) {
      return `deletion_window_in_days is ${JSON.stringify(days)}, not known at synth time`;
    }
    return Number(days) < minimum ? `deletion_window_in_days is ${days}, below the minimum of ${minimum}` : undefined;
  },
};

/** KMS's own default when `deletion_window_in_days` is unset. */
const DEFAULT_DELETION_WINDOW = 30;
