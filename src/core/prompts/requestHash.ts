/**
 * A fingerprint of exactly what every model in a run receives (system prompt + messages), so a record can
 * prove all models got byte-identical input. Per-model parameters (temperature, max tokens…) are not part of it.
 */
import { createHash } from 'node:crypto';
import type { ChatMessage } from '../providers/provider';

export interface SharedRequest {
  system?: string;
  messages: readonly ChatMessage[];
}

/** Canonical form: fixed key order, no optional-field ambiguity (absent system and "" differ). */
export function canonicalRequest(request: SharedRequest): string {
  return JSON.stringify({
    system: request.system ?? null,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
  });
}

/** Lower-case hex sha256 of the canonical form. */
export function requestHash(request: SharedRequest): string {
  return createHash('sha256').update(canonicalRequest(request), 'utf8').digest('hex');
}
