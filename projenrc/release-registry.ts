/**
 * The registry guard, run by the release right after the bump: a version already on the
 * npm registry without its `v<version>` tag is a release that published one package and
 * failed before tagging. Releasing that version again would publish the other package
 * from a different commit (publib skips the one already there), so the release stops,
 * naming the package.
 *
 * A tagged version passes: the workflow publishes nothing for a version whose tag exists.
 * A registry that cannot be asked stops the release too: it cannot tell.
 *
 * Usage: ts-node projenrc/release-registry.ts [version]   (default: dist/version.txt, as bump writes it)
 */
import { execFileSync, spawnSync } from 'child_process';
import { releaseVersion } from './api-compat';
import { PACKAGES } from './release-check';

/** What the guard asks of the world: the registry and the repository's tags. */
export interface ReleaseWorld {
  /** Whether `name@version` is on the registry; throws when it cannot tell. */
  readonly isPublished: (name: string, version: string) => boolean;
  readonly tagExists: (tag: string) => boolean;
}

/** Why `version` of `names` must not be released; empty when it may. */
export function registryProblems(version: string, names: string[], world: ReleaseWorld): string[] {
  const tag = `v${version}`;
  if (world.tagExists(tag)) return [];
  return names.filter((name) => world.isPublished(name, version)).map((name) => [
    `${name}@${version} is already on the npm registry, but there is no tag ${tag}: a release of ${version} published it and failed before tagging.`,
    `Releasing ${version} again would publish the other package from a different commit. Finish that release instead:`,
    're-run the failed jobs of the workflow run that published it, or publish the missing package from the commit it was built from and',
    `push the tag ${tag} on that commit; then the next release bumps past ${version}.`,
  ].join(' '));
}

/** What running npm gave. */
export interface NpmResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runNpm(args: string[]): NpmResult {
  const result = spawnSync('npm', args, { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/**
 * `isPublished` by `npm view <name>@<version> version`: the version printed means
 * published; nothing printed (older npm, for a version the package lacks) or E404 means
 * not; any other answer or failure throws, naming the package.
 */
export function npmLookup(run: (args: string[]) => NpmResult = runNpm): (name: string, version: string) => boolean {
  return (name, version) => {
    const args = ['view', `${name}@${version}`, 'version'];
    const result = run(args);
    const cannotTell = (why: string) => new Error(`cannot tell whether ${name}@${version} is on the npm registry: npm ${args.join(' ')} ${why}`);
    if (result.status === 0) {
      const printed = result.stdout.trim();
      if (printed === '') return false;
      if (printed === version) return true;
      throw cannotTell(`answered ${printed}, expected ${version} or nothing`);
    }
    if (/\bE404\b/.test(`${result.stdout}\n${result.stderr}`)) return false;
    throw cannotTell(`failed (exit ${result.status}):\n${`${result.stdout}${result.stderr}`.trim()}`);
  };
}

/** Whether `repo` has the tag (the release job fetches all tags). */
export function gitTagExists(repo: string): (tag: string) => boolean {
  return (tag) => spawnSync('git', ['rev-parse', '--quiet', '--verify', `refs/tags/${tag}`], { cwd: repo }).status === 0;
}

if (require.main === module) {
  const version = releaseVersion();
  if (version === undefined) {
    console.log('release-registry: no dist/version.txt (bump found nothing to release): nothing to ask');
    process.exit(0);
  }
  const names = PACKAGES.map((p) => p.name);
  try {
    const problems = registryProblems(version, names, { isPublished: npmLookup(), tagExists: gitTagExists(process.cwd()) });
    if (problems.length > 0) {
      console.error(`release ${version} cannot be published:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      process.exit(1);
    }
    console.log(`release-registry: ${names.map((n) => `${n}@${version}`).join(' and ')} not on the registry yet, or tagged (${execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim()})`);
  } catch (error: any) {
    console.error(`release ${version} cannot be published: ${error.message}`);
    process.exit(1);
  }
}
