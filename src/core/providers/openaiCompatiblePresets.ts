/**
 * Known OpenAI-compatible endpoints, as data. A preset fills in the base URL, the environment variable that
 * conventionally holds the key, and whether `stream_options.include_usage` may be sent.
 *
 * Base URLs checked against documentation (search of stored docs, this session):
 * - vendor docs: Ollama (ollama docs/openai.md), LM Studio (lmstudio.ai/docs/api/openai-api), vLLM
 *   (docs.vllm.ai OpenAI-compatible server), OpenRouter (openrouter.ai/docs), DeepSeek (api-docs.deepseek.com),
 *   xAI (docs.x.ai/api/integrations), Qwen mainland (DashScope "OpenAI Chat接口兼容"), Mistral (docs.mistral.ai/api),
 *   Groq (console.groq.com/docs/openai), Together (docs.together.ai openai-compatibility),
 *   Gemini (ai.google.dev/gemini-api/docs/openai).
 * - secondary sources quoting the vendor docs, not the vendor page itself: llama.cpp server (learn.arm.com guide),
 *   Qwen international (LiteLLM DashScope page), Z.ai (docs.z.ai as quoted by developersdigest), Moonshot global
 *   (platform.kimi.ai as quoted; the vendor page seen lists the China host api.moonshot.cn), MiniMax global
 *   (platform.minimax.io as quoted; the vendor page seen lists the China host api.minimaxi.com), Fireworks
 *   (several integration docs).
 *
 * `supportsUsageInStream: false` where the server rejects or ignores `stream_options` (see shared
 * PROVIDER-FACTS.md): Groq answered 400, Mistral 422, LM Studio 0.3.x sends no usage.
 */

export interface OpenAICompatiblePreset {
  id: string;
  label: string;
  /** Passed as the SDK's baseURL; the SDK appends `/chat/completions`. */
  baseUrl: string;
  /** Conventional environment variable for the key; absent for local servers, which need none. */
  apiKeyEnv?: string;
  /** Runs on the user's machine (http://localhost). */
  local: boolean;
  /** False when the server rejects or ignores `stream_options: {include_usage: true}`. */
  supportsUsageInStream: boolean;
}

export const OPENAI_COMPATIBLE_PRESETS: readonly OpenAICompatiblePreset[] = [
  // Local servers
  { id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', local: true, supportsUsageInStream: true },
  { id: 'lm-studio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', local: true, supportsUsageInStream: false },
  { id: 'vllm', label: 'vLLM', baseUrl: 'http://localhost:8000/v1', local: true, supportsUsageInStream: true },
  { id: 'llama-cpp', label: 'llama.cpp server', baseUrl: 'http://localhost:8080/v1', local: true, supportsUsageInStream: true },
  // Hosted services
  { id: 'openrouter', label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', apiKeyEnv: 'OPENROUTER_API_KEY', local: false, supportsUsageInStream: true },
  { id: 'deepseek', label: 'DeepSeek', baseUrl: 'https://api.deepseek.com', apiKeyEnv: 'DEEPSEEK_API_KEY', local: false, supportsUsageInStream: true },
  { id: 'xai', label: 'xAI (Grok)', baseUrl: 'https://api.x.ai/v1', apiKeyEnv: 'XAI_API_KEY', local: false, supportsUsageInStream: true },
  { id: 'qwen', label: 'Qwen (DashScope, international)', baseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', apiKeyEnv: 'DASHSCOPE_API_KEY', local: false, supportsUsageInStream: true },
  { id: 'qwen-cn', label: 'Qwen (DashScope, mainland China)', baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', apiKeyEnv: 'DASHSCOPE_API_KEY', local: false, supportsUsageInStream: true },
  { id: 'zai', label: 'Z.ai (GLM)', baseUrl: 'https://api.z.ai/api/paas/v4', apiKeyEnv: 'ZAI_API_KEY', local: false, supportsUsageInStream: true },
  { id: 'moonshot', label: 'Moonshot (Kimi)', baseUrl: 'https://api.moonshot.ai/v1', apiKeyEnv: 'MOONSHOT_API_KEY', local: false, supportsUsageInStream: true },
  { id: 'minimax', label: 'MiniMax', baseUrl: 'https://api.minimax.io/v1', apiKeyEnv: 'MINIMAX_API_KEY', local: false, supportsUsageInStream: true },
  { id: 'mistral', label: 'Mistral', baseUrl: 'https://api.mistral.ai/v1', apiKeyEnv: 'MISTRAL_API_KEY', local: false, supportsUsageInStream: false },
  { id: 'groq', label: 'Groq', baseUrl: 'https://api.groq.com/openai/v1', apiKeyEnv: 'GROQ_API_KEY', local: false, supportsUsageInStream: false },
  { id: 'together', label: 'Together AI', baseUrl: 'https://api.together.ai/v1', apiKeyEnv: 'TOGETHER_API_KEY', local: false, supportsUsageInStream: true },
  { id: 'fireworks', label: 'Fireworks AI', baseUrl: 'https://api.fireworks.ai/inference/v1', apiKeyEnv: 'FIREWORKS_API_KEY', local: false, supportsUsageInStream: true },
  { id: 'gemini', label: 'Google Gemini (OpenAI-compatible)', baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai', apiKeyEnv: 'GEMINI_API_KEY', local: false, supportsUsageInStream: true },
];

export function findPreset(id: string): OpenAICompatiblePreset | undefined {
  return OPENAI_COMPATIBLE_PRESETS.find((preset) => preset.id === id);
}
