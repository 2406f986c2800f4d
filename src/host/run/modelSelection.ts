/**
 * Which configured models the user selected for runs, remembered per workspace. What is remembered is the models
 * the user turned off, so a model added to the settings later is selected until the user turns it off too.
 */
import type * as vscode from 'vscode';
import type { ModelConfig } from '../../core/config/modelConfig';

const KEY = 'parallax.deselectedModels';
export const MAX_MODELS_PER_RUN = 8;

export class ModelSelection {
  constructor(private readonly memento: vscode.Memento) {}

  /** The enabled models the user did not turn off (up to 8). */
  selectedIds(models: readonly ModelConfig[]): string[] {
    const off = new Set(this.memento.get<string[]>(KEY) ?? []);
    return models
      .filter((m) => m.enabled && !off.has(m.id))
      .map((m) => m.id)
      .slice(0, MAX_MODELS_PER_RUN);
  }

  async set(modelId: string, selected: boolean, models: readonly ModelConfig[]): Promise<void> {
    const selectedNow = new Set(this.selectedIds(models));
    if (selected) selectedNow.add(modelId);
    else selectedNow.delete(modelId);
    await this.setAll([...selectedNow], models);
  }

  /** Exactly `modelIds` are selected; every other configured model is remembered as turned off. */
  async setAll(modelIds: readonly string[], models: readonly ModelConfig[]): Promise<void> {
    const keep = new Set(modelIds);
    await this.memento.update(KEY, models.filter((m) => !keep.has(m.id)).map((m) => m.id));
  }
}
