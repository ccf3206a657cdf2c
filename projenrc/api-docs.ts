/**
 * Writes API.md with jsii-docgen, against the dependency versions this project builds
 * with. jsii-docgen loads every `.jsii` under the directory it is given and picks the
 * newest that satisfies a range, so it would document members of a newer `constructs`
 * (nested in projen's node_modules) that users of our range may not have. Giving it a
 * directory that holds only our assembly and our own dependencies avoids that.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Documentation, Language } from 'jsii-docgen';

/** Documents the jsii assembly built in `projectDir` into `outFile`. */
export async function writeApiDocs(projectDir: string, outFile: string): Promise<void> {
  const assembly = JSON.parse(fs.readFileSync(path.join(projectDir, '.jsii'), 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-docs-'));
  try {
    fs.copyFileSync(path.join(projectDir, 'package.json'), path.join(dir, 'package.json'));
    fs.copyFileSync(path.join(projectDir, '.jsii'), path.join(dir, '.jsii'));
    for (const dependency of Object.keys(assembly.dependencyClosure ?? {})) {
      const target = path.join(dir, 'node_modules', dependency);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const installed = path.dirname(require.resolve(`${dependency}/package.json`, { paths: [projectDir] }));
      fs.mkdirSync(target);
      // The assembly alone: a symlink to the package would bring its nested node_modules too.
      for (const file of ['package.json', '.jsii']) fs.copyFileSync(path.join(installed, file), path.join(target, file));
    }
    const docs = await Documentation.forProject(dir);
    const markdown = await docs.toMarkdown({ language: Language.TYPESCRIPT, readme: false, allSubmodules: true });
    fs.writeFileSync(outFile, markdown.render());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  writeApiDocs(root, path.join(root, 'API.md')).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
