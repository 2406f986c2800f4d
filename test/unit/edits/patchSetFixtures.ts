/** A small in-memory workspace and multi-file answers for the patch-set specs. */
import type { WorkspaceReader } from '../../../src/core/edits/patchSetTypes';

export const PAGINATION = [
  'export function paginate(items, page, pageSize) {',
  '  const start = (page - 1) * pageSize;',
  '  const end = start + pageSize - 1;',
  '  return items.slice(start, end);',
  '}',
  '',
].join('\n');

export const PAGINATION_TEST = [
  "import { paginate } from '../src/pagination.js';",
  "test('first page', () => {",
  '  expect(paginate([1, 2, 3], 1, 2)).toEqual([1, 2]);',
  '});',
  '',
].join('\n');

export function memoryWorkspace(files: Record<string, string>, refusals: Record<string, string> = {}): WorkspaceReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: (relPath) => {
      reads.push(relPath);
      return files[relPath];
    },
    refusal: (relPath) => refusals[relPath],
  };
}

export const workspace = (): ReturnType<typeof memoryWorkspace> =>
  memoryWorkspace({ 'src/pagination.js': PAGINATION, 'test/pagination.test.js': PAGINATION_TEST, 'src/old.js': 'old\n' });

export const F = '```';
