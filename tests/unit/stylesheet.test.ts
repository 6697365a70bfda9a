import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

// The global sheet, its parts under app/styles, and the sheets components import.
const STYLESHEETS = ['app/globals.css', ...cssFilesUnder('app/styles'), ...cssFilesUnder('components')];

function cssFilesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.css'))
    .map((file) => path.join(folder, file))
    .sort();
}

// A single unclosed rule swallows every rule after it without any error in the build; the pages then simply
// lose their styles. Parsing the sheet strictly catches that.
describe.each(STYLESHEETS)('the stylesheet %s', (STYLESHEET) => {
  it('parses without an unclosed block or stray brace', () => {
    expect(() => postcss.parse(readFileSync(STYLESHEET, 'utf8'), { from: STYLESHEET })).not.toThrow();
  });

  it('keeps every rule at the top level or inside an at-rule, never nested in another rule', () => {
    const root = postcss.parse(readFileSync(STYLESHEET, 'utf8'), { from: STYLESHEET });
    const nested: string[] = [];
    root.walkRules((rule) => {
      if (rule.parent?.type === 'rule') nested.push(`${rule.selector} inside ${(rule.parent as postcss.Rule).selector}`);
    });
    expect(nested).toEqual([]);
  });
});
