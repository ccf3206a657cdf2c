#!/usr/bin/env node
/**
 * Puts the notes of the version being released (dist/changelog.md, which `projen bump`
 * writes from the conventional commits since the last release) into CHANGELOG.md, above
 * the sections of earlier versions.
 *
 * A section for the version already in CHANGELOG.md (written by hand, headed
 * `## 1.2.3 (unreleased)`) wins over the generated notes: its heading gets the release's
 * date, and it becomes the notes too (dist/changelog.md, the GitHub release's body), so
 * that npm and GitHub say the same.
 *
 * Usage: node tools/release-changelog.js [version-file] [notes-file] [changelog]
 *        (defaults: dist/version.txt, dist/changelog.md, CHANGELOG.md)
 * Plain Node.js, no dependencies: the release workflow runs it without installing.
 */
const fs = require('fs');

/** The start of `version`'s heading, `## 1.2.3` or `## [1.2.3]`, as a pattern. */
function headingStart(version) {
  return `^## \\[?${version.replace(/\./g, '\\.')}\\]?`;
}

/** The heading pattern of `version`'s section (`## 1.2.3 ...` or `## [1.2.3](...)`). */
function headingOf(version) {
  return new RegExp(`${headingStart(version)}(\\s|\\(|$)`, 'm');
}

/** Whether `changelog` has a section for `version`. */
function hasSection(changelog, version) {
  return headingOf(version).test(changelog);
}

/** The section of `version` in `changelog`, from its heading to the next `## `, or undefined. */
function sectionOf(changelog, version) {
  const match = headingOf(version).exec(changelog);
  if (!match) return undefined;
  const rest = changelog.slice(match.index);
  const next = rest.slice(3).search(/^## /m);
  return (next === -1 ? rest : rest.slice(0, next + 3)).trim();
}

/** The release date in the notes' heading (`(2026-12-04)`), if any. */
function dateOf(notes) {
  return /^## .*\((\d{4}-\d{2}-\d{2})\)\s*$/m.exec(notes)?.[1];
}

/**
 * CHANGELOG.md and the notes as released: the generated notes inserted before the first
 * version section, or a hand-written section dated and taken as the notes.
 */
function release(changelog, version, notes) {
  const body = notes.trim();
  if (!hasSection(body, version)) throw new Error(`the notes do not start with a section for ${version}:\n${body.slice(0, 200)}`);
  if (hasSection(changelog, version)) {
    const date = dateOf(body);
    const dated = date === undefined ? changelog : changelog.replace(new RegExp(`(${headingStart(version)}) \\(unreleased\\)`, 'm'), `$1 (${date})`);
    return { changelog: dated, notes: `${sectionOf(dated, version)}\n` };
  }
  const first = changelog.search(/^## /m);
  const intro = first === -1 ? changelog.trimEnd() + '\n\n' : changelog.slice(0, first);
  const rest = first === -1 ? '' : changelog.slice(first);
  return { changelog: `${intro}${body}\n\n${rest}`.trimEnd() + '\n', notes };
}

/** CHANGELOG.md with the release's section (see `release`). */
function withRelease(changelog, version, notes) {
  return release(changelog, version, notes).changelog;
}

module.exports = { hasSection, sectionOf, release, withRelease };

if (require.main === module) {
  const [versionFile = 'dist/version.txt', notesFile = 'dist/changelog.md', changelogFile = 'CHANGELOG.md'] = process.argv.slice(2);
  if (!fs.existsSync(versionFile)) {
    console.log(`no ${versionFile} (bump found nothing to release): ${changelogFile} unchanged`);
    process.exit(0);
  }
  const version = fs.readFileSync(versionFile, 'utf8').trim();
  const before = fs.readFileSync(changelogFile, 'utf8');
  const notes = fs.readFileSync(notesFile, 'utf8');
  const released = release(before, version, notes);
  fs.writeFileSync(changelogFile, released.changelog);
  if (released.notes !== notes) fs.writeFileSync(notesFile, released.notes);
  console.log(hasSection(before, version) ? `${changelogFile} already has ${version}: its section is the release's notes` : `${changelogFile}: added ${version}`);
}
