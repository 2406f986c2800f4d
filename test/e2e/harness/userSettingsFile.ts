/**
 * The user settings file, written before a second window opens so that its extension host starts with the given
 * settings (models, agents, limits…). The first override keeps the original text; `restore` writes it back.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export class UserSettingsFile {
  private original: string | undefined;

  constructor(private readonly path: string) {}

  /** Writes the original settings with `patch` on top (each override starts from the original, not the last one). */
  override(patch: Record<string, unknown>): void {
    this.original ??= readFileSync(this.path, 'utf8');
    const settings = JSON.parse(this.original) as Record<string, unknown>;
    writeFileSync(this.path, JSON.stringify({ ...settings, ...patch }, null, 2));
  }

  /** Puts the original settings back (nothing when they were never overridden). */
  restore(): void {
    if (this.original !== undefined) writeFileSync(this.path, this.original);
    this.original = undefined;
  }
}
