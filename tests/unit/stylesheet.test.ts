import { readFileSync } from 'node:fs';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

const STYLESHEET = 'app/globals.css';

// A single unclosed rule swallows every rule after it without any error in the build; the pages then simply
// lose their styles. Parsing the sheet strictly catches that.
describe('the global stylesheet', () => {
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
