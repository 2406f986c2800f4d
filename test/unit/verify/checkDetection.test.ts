import assert from 'node:assert/strict';
import { detectCheck, type WorkspaceProbe } from '../../../src/core/verify/checkDetection';

function probe(files: Record<string, string>): WorkspaceProbe {
  return { exists: (p) => p in files, read: (p) => files[p] };
}

describe('check detection', () => {
  it('the setting wins, and says so', () => {
    const c = detectCheck('  make check ', probe({ 'package.json': '{"scripts":{"test":"jest"}}' }));
    assert.deepEqual(c, { command: 'make check', reason: 'set in parallax.verify.command', kind: 'tests', configured: true });
    assert.equal(detectCheck('npx eslint .', probe({}))?.kind, 'errors');
  });
  it('package.json test script with npm, pnpm or yarn by lockfile; npm’s placeholder does not count', () => {
    const pkg = '{"scripts":{"test":"node --test"}}';
    assert.equal(detectCheck('', probe({ 'package.json': pkg }))?.command, 'npm test');
    assert.equal(detectCheck('', probe({ 'package.json': pkg, 'pnpm-lock.yaml': '' }))?.command, 'pnpm test');
    const yarn = detectCheck('', probe({ 'package.json': pkg, 'yarn.lock': '' }));
    assert.equal(yarn?.command, 'yarn test');
    assert.match(yarn.reason, /yarn\.lock/);
    assert.equal(detectCheck('', probe({ 'package.json': '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}' })), undefined);
  });
  it('pytest, cargo, go, and tsc for TypeScript without tests', () => {
    assert.equal(detectCheck('', probe({ 'pyproject.toml': '[tool.pytest.ini_options]\n' }))?.command, 'pytest');
    assert.equal(detectCheck('', probe({ 'conftest.py': '' }))?.command, 'pytest');
    assert.equal(detectCheck('', probe({ 'Cargo.toml': '' }))?.command, 'cargo test');
    assert.equal(detectCheck('', probe({ 'go.mod': '' }))?.command, 'go test ./...');
    const tsc = detectCheck('', probe({ 'tsconfig.json': '{}', 'package.json': '{"scripts":{"build":"tsc"}}' }));
    assert.equal(tsc?.kind, 'errors');
    assert.match(tsc.command, /tsc --noEmit/);
    assert.equal(detectCheck('', probe({ 'README.md': '' })), undefined);
  });
});
