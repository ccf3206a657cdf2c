/**
 * Loaded with `node -r` before an examples/main.ts (test/support/cdktf-app.ts): the
 * examples stay as users deploy them to AWS, and the app gets the LocalEndpoint aspect
 * exactly where README's "Rehearse a deploy locally" adds it, before `app.synth()`.
 */
import { App, Aspects } from 'cdktf';
import { LocalEndpoint } from './local-endpoint';

const synth = App.prototype.synth;
App.prototype.synth = function synthWithLocalEndpoint(this: App): void {
  if (process.env.AWS_ENDPOINT_URL) Aspects.of(this).add(new LocalEndpoint());
  synth.call(this);
};
