/** Realistic selections and model-answer pieces shared by the edit extraction specs. */

export const FENCE = '```';

/** A fenced block as models write them: opening fence with an optional tag, the code, a closing fence. */
export function fenced(lang: string, code: string, marker = FENCE): string {
  return `${marker}${lang}\n${code.endsWith('\n') ? code : `${code}\n`}${marker}`;
}

export const TOTAL_TS = [
  'export function total(items: Item[]): number {',
  '  let sum = 0;',
  '  for (const item of items) {',
  '    sum += item.price;',
  '  }',
  '  return sum;',
  '}',
  '',
].join('\n');

export const TOTAL_TS_FIXED = [
  'export function total(items: Item[]): number {',
  '  let sum = 0;',
  '  for (const item of items) {',
  '    sum += item.price * item.quantity;',
  '  }',
  '  return sum;',
  '}',
  '',
].join('\n');

/** A method body selected inside a class: every line carries 4 spaces of indentation. */
export const METHOD_PY = [
  '    def area(self):',
  '        if self.width < 0:',
  '            return 0',
  '        return self.width * self.height',
  '',
].join('\n');

export const METHOD_PY_FIXED = [
  '    def area(self):',
  '        if self.width < 0 or self.height < 0:',
  '            raise ValueError("negative size")',
  '        return self.width * self.height',
  '',
].join('\n');
