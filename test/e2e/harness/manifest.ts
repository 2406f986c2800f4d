/** Parallax's contributed commands as the palette shows them, read from package.json at test time. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PaletteCommand {
  command: string;
  /** "Parallax: Compare Fixes for Selection" */
  paletteTitle: string;
}

interface Manifest {
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
  };
}

function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
}

/** Every contributed command with its palette title. */
export function contributedCommands(): PaletteCommand[] {
  return (readManifest().contributes?.commands ?? []).map((c) => ({
    command: c.command,
    paletteTitle: c.category ? `${c.category}: ${c.title}` : c.title,
  }));
}

/**
 * The commands the palette should list with no context: those without a `when` clause in
 * `menus.commandPalette` (a clause such as "parallax.running" or "false" hides a command until it applies).
 */
export function alwaysVisibleCommands(): PaletteCommand[] {
  const conditional = new Set((readManifest().contributes?.menus?.commandPalette ?? []).filter((m) => m.when !== undefined).map((m) => m.command));
  return contributedCommands().filter((c) => !conditional.has(c.command));
}

export function paletteTitleOf(command: string): string {
  const found = contributedCommands().find((c) => c.command === command);
  if (!found) throw new Error(`package.json does not contribute ${command}`);
  return found.paletteTitle;
}
