import { TerraformVariable } from 'cdktf';
import { compliantKey, findingsOf, newStack, verdict } from '../helpers';

/** KMS-DELETION-WINDOW, on stacks written by hand with raw provider classes. */
describe('KMS-DELETION-WINDOW', () => {
  test.each([
    [undefined, undefined, []],
    [30, undefined, []],
    [29, undefined, ['KMS-DELETION-WINDOW stack/key']],
    [7, undefined, ['KMS-DELETION-WINDOW stack/key']],
    [7, 7, []],
    [14, 21, ['KMS-DELETION-WINDOW stack/key']],
    [undefined, 30, []],
  ])('window %s with minimum %s', (deletionWindowInDays, minimumDeletionWindowInDays, expected) => {
    const stack = newStack();
    compliantKey(stack, 'key', { deletionWindowInDays });
    expect(verdict(stack, { minimumDeletionWindowInDays })).toEqual(expected);
  });

  test('names the window and the minimum', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { deletionWindowInDays: 10 });
    expect(findingsOf(stack, { minimumDeletionWindowInDays: 14 })[0].message)
      .toMatch(/^deletion_window_in_days is 10, below the minimum of 14\./);
  });

  test('flags a window only known at apply time', () => {
    const stack = newStack();
    compliantKey(stack, 'key', { deletionWindowInDays: new TerraformVariable(stack, 'days', { type: 'number' }).numberValue });
    expect(findingsOf(stack)[0].message).toMatch(/^deletion_window_in_days is "\$\{var.days\}", not known at synth time\./);
  });
});
