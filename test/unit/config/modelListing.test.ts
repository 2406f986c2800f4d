import assert from 'node:assert/strict';
import { compactEntry, entryIdFor, modelListUrls, parseModelList } from '../../../src/core/config/modelListing';

describe('Add Model: model lists and new entries', () => {
  it('reads an OpenAI-style /v1/models list and an Ollama /api/tags list, sorted and without duplicates', () => {
    assert.deepEqual(parseModelList({ object: 'list', data: [{ id: 'b' }, { id: 'a' }, { id: 'b' }] }), ['a', 'b']);
    assert.deepEqual(parseModelList({ models: [{ name: 'qwen2.5-coder:7b', size: 1 }] }), ['qwen2.5-coder:7b']);
  });

  it('names what is wrong with an answer that is not a model list', () => {
    assert.throws(() => parseModelList({ detail: 'Internal Server Error' }), /not a model list/);
  });

  it("asks Ollama's /api/tags first, at the server root, then <baseUrl>/models", () => {
    assert.deepEqual(modelListUrls('http://localhost:11434/v1/', true), ['http://localhost:11434/api/tags', 'http://localhost:11434/v1/models']);
    assert.deepEqual(modelListUrls('http://localhost:8000/v1', false), ['http://localhost:8000/v1/models']);
  });

  it('makes an id from the model name that no other entry has', () => {
    assert.equal(entryIdFor('qwen2.5-coder:7b', new Set()), 'qwen2.5-coder-7b');
    assert.equal(entryIdFor('GPT-4.1', new Set(['gpt-4.1', 'gpt-4.1-2'])), 'gpt-4.1-3');
    assert.equal(entryIdFor('///', new Set()), 'model');
  });

  it('leaves unset fields out of the entry', () => {
    assert.deepEqual(compactEntry({ id: 'x', provider: 'openai-compatible', model: 'm', preset: 'ollama', label: '' }), { id: 'x', provider: 'openai-compatible', model: 'm', preset: 'ollama' });
  });
});
