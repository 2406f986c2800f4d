/**
 * "Parallax: Add Model…": a quick-pick flow instead of hand-written JSON. Provider or preset → for local servers the
 * models they list (`GET /v1/models`, and Ollama's `/api/tags`) → for `vscode-lm` the models VS Code's Language
 * Model API offers → an optional label and reasoning level → the entry is appended to `parallax.models` in the user
 * settings (the setting is application-scoped, so only the user settings count). Errors name the server and what
 * failed, and offer to type the model name instead.
 */
import * as vscode from 'vscode';
import { MODELS_SETTING } from '../../core/config/modelConfig';
import { compactEntry, entryIdFor, modelListUrls, parseModelList, type NewModelEntry } from '../../core/config/modelListing';
import { OPENAI_COMPATIBLE_PRESETS } from '../../core/providers/openaiCompatiblePresets';
import { addAgentEntry, agentPickItem, discoverAgents, type FoundAgent } from '../agents/agentDiscovery';

const LIST_TIMEOUT_MS = 5_000;
const TITLE = 'Add Model';

type Source =
  | { kind: 'openai' | 'anthropic' | 'vscode-lm' | 'url' }
  | { kind: 'preset'; presetId: string; baseUrl: string; local: boolean; name: string };

type SourceItem = vscode.QuickPickItem & { source?: Source };

function sourceItems(): SourceItem[] {
  const presets = (local: boolean): SourceItem[] =>
    OPENAI_COMPATIBLE_PRESETS.filter((p) => p.local === local).map((p) => ({
      label: p.label,
      description: local ? `${p.baseUrl} · lists its models` : p.apiKeyEnv ? `key: ${p.apiKeyEnv}` : '',
      source: { kind: 'preset', presetId: p.id, baseUrl: p.baseUrl, local, name: p.label },
    }));
  const separator = (label: string): SourceItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  return [
    separator('Providers'),
    { label: 'OpenAI', description: 'key: Set API Key… or OPENAI_API_KEY', source: { kind: 'openai' } },
    { label: 'Anthropic', description: 'key: Set API Key… or ANTHROPIC_API_KEY', source: { kind: 'anthropic' } },
    { label: 'VS Code Language Model API', description: 'Copilot and other extensions’ models', source: { kind: 'vscode-lm' } },
    separator('Local servers'),
    ...presets(true),
    { label: 'Other OpenAI-compatible server…', description: 'type its base URL; lists its models', source: { kind: 'url' } },
    separator('Hosted (OpenAI-compatible)'),
    ...presets(false),
  ];
}

/** The model ids a server lists, from the first URL that answers with a list; throws naming the server and the failure. */
async function listModels(serverName: string, baseUrl: string, ollama: boolean): Promise<string[]> {
  const failures: string[] = [];
  for (const url of modelListUrls(baseUrl, ollama)) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(LIST_TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!response.ok) {
        failures.push(`GET ${url} answered ${response.status}${response.status === 401 || response.status === 403 ? ' (it needs an API key)' : ''}`);
        continue;
      }
      const models = parseModelList(await response.json());
      if (models.length > 0) return models;
      failures.push(`GET ${url} listed no models`);
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : undefined;
      failures.push(`GET ${url} failed: ${cause ?? (err instanceof Error ? err.message : String(err))}`);
    }
  }
  throw new Error(`Could not list the models of ${serverName}: ${failures.join('; ')}.`);
}

async function typedModel(placeHolder: string, value?: string): Promise<string | undefined> {
  const model = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'The provider’s model id',
    placeHolder,
    ...(value === undefined ? {} : { value }),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Type a model id.' : undefined),
  });
  return model?.trim() || undefined;
}

/** Lists a server's models to pick from; on failure shows why and offers to type a name. */
async function pickListedModel(serverName: string, baseUrl: string, ollama: boolean): Promise<string | undefined> {
  let models: string[];
  try {
    models = await listModels(serverName, baseUrl, ollama);
  } catch (err) {
    const typeIt = 'Type a Model Name';
    const choice = await vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err), typeIt);
    return choice === typeIt ? typedModel('e.g. qwen2.5-coder:7b') : undefined;
  }
  const other = '$(edit) Type another model name…';
  const picked = await vscode.window.showQuickPick([...models.map((m) => ({ label: m })), { label: other }], {
    title: `${TITLE}: models on ${serverName}`,
    placeHolder: `${models.length} model${models.length === 1 ? '' : 's'} listed by ${baseUrl}`,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  return picked.label === other ? typedModel('e.g. qwen2.5-coder:7b') : picked.label;
}

async function pickLanguageModel(): Promise<Pick<NewModelEntry, 'model' | 'vendor' | 'family'> | undefined> {
  const models = await vscode.lm.selectChatModels();
  if (models.length === 0) {
    void vscode.window.showErrorMessage('VS Code’s Language Model API offers no chat models: install and sign in to an extension that provides them (such as GitHub Copilot Chat), then try again.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    models.map((m) => ({ label: m.name, description: `${m.vendor} · ${m.family} · ${m.id}`, model: m })),
    { title: `${TITLE}: VS Code language models`, ignoreFocusOut: true },
  );
  return picked ? { model: picked.model.id, vendor: picked.model.vendor, family: picked.model.family } : undefined;
}

async function askBaseUrl(): Promise<string | undefined> {
  const url = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'Base URL of the OpenAI-compatible server (the part before /chat/completions)',
    placeHolder: 'http://localhost:8000/v1',
    ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        const parsed = new URL(v.trim());
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'Use an http:// or https:// URL.';
        if (parsed.username || parsed.password) return 'Leave the user name and password out: keep keys in “Parallax: Set API Key…”.';
        return undefined;
      } catch {
        return 'Type a URL such as http://localhost:8000/v1.';
      }
    },
  });
  return url?.trim().replace(/\/+$/, '') || undefined;
}

/** The entry's provider fields and model, by source; undefined when the user gave up. */
async function chooseModel(source: Source): Promise<Omit<NewModelEntry, 'id'> | undefined> {
  switch (source.kind) {
    case 'openai': {
      const model = await typedModel('e.g. gpt-4.1 or o4-mini');
      return model ? { provider: 'openai', model } : undefined;
    }
    case 'anthropic': {
      const model = await typedModel('e.g. claude-sonnet-4-5');
      return model ? { provider: 'anthropic', model } : undefined;
    }
    case 'vscode-lm': {
      const picked = await pickLanguageModel();
      return picked ? { provider: 'vscode-lm', ...picked } : undefined;
    }
    case 'url': {
      const baseUrl = await askBaseUrl();
      const model = baseUrl ? await pickListedModel(baseUrl, baseUrl, false) : undefined;
      return baseUrl && model ? { provider: 'openai-compatible', baseUrl, model } : undefined;
    }
    case 'preset': {
      const model = source.local ? await pickListedModel(`${source.name} (${source.baseUrl})`, source.baseUrl, source.presetId === 'ollama') : await typedModel('the model id, as the service names it');
      return model ? { provider: 'openai-compatible', preset: source.presetId, model } : undefined;
    }
  }
}

const REASONING_ITEMS = [
  { label: 'Default', description: 'send no reasoning parameter', value: undefined },
  ...(['off', 'minimal', 'low', 'medium', 'high'] as const).map((value) => ({ label: value, description: '', value })),
];

export async function addModel(): Promise<void> {
  // Agent CLIs found on PATH or at a configured path, with their versions.
  const agents = await discoverAgents().catch(() => [] as FoundAgent[]);
  const agentItems: Array<SourceItem & { agent?: FoundAgent }> = agents.length > 0 ? [{ label: 'Agents', kind: vscode.QuickPickItemKind.Separator }, ...agents.map(agentPickItem)] : [];
  const picked = await vscode.window.showQuickPick<SourceItem & { agent?: FoundAgent }>([...sourceItems(), ...agentItems], { title: `${TITLE}: provider or preset`, matchOnDescription: true, ignoreFocusOut: true });
  if (picked?.agent) {
    await addAgentEntry(picked.agent);
    return;
  }
  const source = picked?.source;
  if (!source) return;
  const chosen = await chooseModel(source);
  if (!chosen) return;
  const label = await vscode.window.showInputBox({ title: TITLE, prompt: 'Column title (optional; empty: the entry id)', placeHolder: chosen.model, ignoreFocusOut: true });
  if (label === undefined) return;
  let reasoning: NewModelEntry['reasoning'];
  if (chosen.provider !== 'vscode-lm') {
    const level = await vscode.window.showQuickPick(REASONING_ITEMS, { title: `${TITLE}: reasoning effort`, ignoreFocusOut: true });
    if (!level) return;
    reasoning = level.value;
  }
  const config = vscode.workspace.getConfiguration();
  const existing = config.inspect<unknown[]>(MODELS_SETTING)?.globalValue ?? [];
  const taken = new Set(existing.flatMap((e) => (typeof e === 'object' && e !== null && 'id' in e && typeof e.id === 'string' ? [e.id] : [])));
  const entry = compactEntry({ id: entryIdFor(chosen.model, taken), ...chosen, label: label.trim(), ...(reasoning ? { reasoning } : {}) });
  await config.update(MODELS_SETTING, [...existing, entry], vscode.ConfigurationTarget.Global);
  const open = 'Configure Models';
  const choice = await vscode.window.showInformationMessage(`Added “${entry.label ?? entry.id}” (${entry.id}) to parallax.models in your user settings.`, open);
  if (choice === open) await vscode.commands.executeCommand('parallax.configureModels');
}
