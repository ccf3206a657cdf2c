#!/usr/bin/env node
/**
 * Puts the notes of the version being released (dist/changelog.md, which `projen bump`
 * writes from the conventional commits since the last release) into CHANGELOG.md, above
 * the sections of earlier versions. A version whose section is already there is left as
 * it is: a section written by hand wins.
 *
 * Usage: node tools/release-changelog.js [version-file] [notes-file] [changelog]
 *        (defaults: dist/version.txt, dist/changelog.md, CHANGELOG.md)
 * Plain Node.js, no dependencies: the release workflow runs it without installing.
 */
const fs = require('fs');

/** Whether `changelog` has a section for `version` (`## 1.2.3` or `## [1.2.3](...)`). */
function hasSection(changelog, version) {
  const escaped = version.replace(/\./g, '\\.');
  return new RegExp(`^## \\[?${escaped}\\]?(\\s|\\(|$)`, 'm').test(changelog);
}

/** `changelog` with `notes` inserted before its first version section (after its introduction). */
function withRelease(changelog, version, notes) {
  if (hasSection(changelog, version)) return changelog;
  const body = notes.trim();
  if (!hasSection(body, version)) throw new Error(`the notes do not start with a section for ${version}:\n${body.slice(0, 200)}`);
  const first = changelog.search(/^## /m);
  const intro = first === -1 ? changelog.trimEnd() + '\n\n' : changelog.slice(0, first);
  const rest = first === -1 ? '' : changelog.slice(first);
  return `${intro}${body}\n\n${rest}`.trimEnd() + '\n';
}

module.exports = { hasSection, withRelease };

if (require.main === module) {
  const [versionFile = 'dist/version.txt', notesFile = 'dist/changelog.md', changelogFile = 'CHANGELOG.md'] = process.argv.slice(2);
  if (!fs.existsSync(versionFile)) {
    console.log(`no ${versionFile} (bump found nothing to release): ${changelogFile} unchanged`);
    process.exit(0);
  }
  const version = fs.readFileSync(versionFile, 'utf8').trim();
  const before = fs.readFileSync(changelogFile, 'utf8');
  const after = withRelease(before, version, fs.readFileSync(notesFile, 'utf8'));
  fs.writeFileSync(changelogFile, after);
  console.log(after === before ? `${changelogFile} already has ${version}` : `${changelogFile}: added ${version}`);
}
