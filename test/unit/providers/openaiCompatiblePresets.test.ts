import assert from 'node:assert/strict';
import { findPreset, OPENAI_COMPATIBLE_PRESETS } from '../../../src/core/providers/openaiCompatiblePresets';

describe('OpenAI-compatible presets', () => {
  it('have unique ids and labels', () => {
    const ids = OPENAI_COMPATIBLE_PRESETS.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(new Set(OPENAI_COMPATIBLE_PRESETS.map((p) => p.label)).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9-]+$/);
  });

  it('have valid base URLs without a trailing slash or a /chat/completions path', () => {
    for (const preset of OPENAI_COMPATIBLE_PRESETS) {
      const url = new URL(preset.baseUrl);
      assert.ok(!preset.baseUrl.endsWith('/'), preset.id);
      assert.ok(!url.pathname.includes('chat/completions'), preset.id);
      assert.equal(url.search, '', preset.id);
    }
  });

  it('use https and a *_API_KEY variable when hosted, and http://localhost with no key when local', () => {
    for (const preset of OPENAI_COMPATIBLE_PRESETS) {
      const url = new URL(preset.baseUrl);
      if (preset.local) {
        assert.equal(url.protocol, 'http:', preset.id);
        assert.equal(url.hostname, 'localhost', preset.id);
        assert.equal(preset.apiKeyEnv, undefined, preset.id);
      } else {
        assert.equal(url.protocol, 'https:', preset.id);
        assert.match(preset.apiKeyEnv ?? '', /^[A-Z][A-Z0-9_]*_API_KEY$/, preset.id);
      }
    }
  });

  it('cover the local servers and hosted services the product lists, with usage off where servers reject it', () => {
    for (const id of ['ollama', 'lm-studio', 'vllm', 'llama-cpp', 'openrouter', 'deepseek', 'xai', 'qwen', 'zai', 'moonshot', 'minimax', 'mistral', 'groq', 'together', 'fireworks', 'gemini']) {
      assert.ok(findPreset(id), id);
    }
    assert.equal(findPreset('groq')?.supportsUsageInStream, false);
    assert.equal(findPreset('mistral')?.supportsUsageInStream, false);
    assert.equal(findPreset('openrouter')?.supportsUsageInStream, true);
    assert.equal(findPreset('nope'), undefined);
  });
});
