#!/usr/bin/env node
// `npm run screenshots [name.png ...]`: copies chosen e2e flow screenshots from test-results/ (build output of the
// latest e2e run) into media/screenshots/, where the README takes its images from. With no names it refreshes every
// shot media/screenshots/ already holds. Run it on purpose after a green run, then review and commit the images.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'test-results');
const to = join(root, 'media', 'screenshots');

mkdirSync(to, { recursive: true });
const names = process.argv.slice(2).map((n) => (n.endsWith('.png') ? n : `${n}.png`));
const chosen = names.length > 0 ? names : readdirSync(to).filter((f) => f.endsWith('.png'));
const missing = chosen.filter((n) => n.startsWith('FAILED-') || !existsSync(join(from, n)));
if (missing.length > 0) {
  console.error(`[screenshots] not in test-results/ (run the e2e suite first) or a failure shot: ${missing.join(', ')}`);
  process.exit(1);
}
for (const name of chosen) {
  copyFileSync(join(from, name), join(to, name));
  console.log(`[screenshots] ${name} -> media/screenshots/`);
}
