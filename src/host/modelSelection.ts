/** Which configured models the user selected for runs, remembered per workspace. */
import type * as vscode from 'vscode';
import type { ModelConfig } from '../core/config/modelConfig';

const KEY = 'parallax.selectedModels';
export const MAX_MODELS_PER_RUN = 8;

export class ModelSelection {
  constructor(private readonly memento: vscode.Memento) {}

  /** The remembered selection among enabled models; all enabled models (up to 8) until the user chooses. */
  selectedIds(models: readonly ModelConfig[]): string[] {
    const enabled = models.filter((m) => m.enabled).map((m) => m.id);
    const stored = this.memento.get<string[]>(KEY);
    const chosen = stored ? enabled.filter((id) => stored.includes(id)) : enabled;
    return chosen.slice(0, MAX_MODELS_PER_RUN);
  }

  async set(modelId: string, selected: boolean, models: readonly ModelConfig[]): Promise<void> {
    const current = new Set(this.selectedIds(models));
    if (selected) current.add(modelId);
    else current.delete(modelId);
    await this.memento.update(KEY, [...current]);
  }

  async setAll(modelIds: readonly string[]): Promise<void> {
    await this.memento.update(KEY, [...modelIds]);
  }
}
