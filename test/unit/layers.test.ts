import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const importsVscode = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\))/;

describe('layers', () => {
  it('src/core never imports vscode', () => {
    const files = tsFiles('src/core');
    assert.ok(files.length > 0, 'src/core has files');
    const offenders = files.filter((f) => importsVscode.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('src/webview never imports vscode or node built-ins', () => {
    const files = tsFiles('src/webview');
    const offenders = files.filter((f) => importsVscode.test(readFileSync(f, 'utf8')) || /from\s+['"]node:/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('the check itself catches an import of vscode', () => {
    assert.ok(importsVscode.test("import * as vscode from 'vscode';"));
    assert.ok(importsVscode.test("const v = require('vscode')"));
    assert.ok(!importsVscode.test("import { x } from './vscodeish';"));
  });
});
