/**
 * The README's encryption decision table says what test/support/request-table.ts says,
 * which the construct and example tiers prove by evaluating requests. Same for the
 * columns: one per mode, in the same order.
 */
import * as fs from 'fs';
import * as path from 'path';
import { A, D, MODES, TABLE } from './support/request-table';

/** The header cells and body rows of the first Markdown table after `heading`. */
function markdownTable(heading: string): { header: string[]; rows: string[][] } {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`\n${heading}\n`));
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const table: string[] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('|')) break;
    table.push(line);
  }
  const cells = (line: string) => line.slice(1, -1).split(' | ').map((cell) => cell.trim());
  return { header: cells(table[0]), rows: table.slice(2).map(cells) };
}

const { header, rows } = markdownTable('## Encryption');

test('the README table has one column per mode, in the same order', () => {
  const readmeModes = header.slice(1).map((cell) => cell.replace(/`/g, '').replace(/ \(default\)$/, ''));
  expect(readmeModes).toEqual([...MODES]);
});

test('the README table has exactly the rows the request table labels for it, in order', () => {
  expect(rows.map((row) => row[0])).toEqual(TABLE.map((row) => row[1]).filter((label) => label !== undefined));
});

test.each(TABLE.filter((row) => row[1] !== undefined).map((row) => [row[1]!, row] as const))('README row %s matches the request table', (label, row) => {
  const cells = rows.find((r) => r[0] === label)!.slice(1);
  const decisions = cells.map((cell) => (cell.startsWith('allowed') ? A : cell.startsWith('denied') ? D : `unreadable: ${cell}`));
  expect(decisions).toEqual(row.slice(2));
});
