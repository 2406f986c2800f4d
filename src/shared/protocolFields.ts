/** The fields every part of the webview protocol shares (see protocol.ts). */
import { z } from 'zod';
import { TEMPLATE_IDS, TEXT_CAPS } from './vocabulary';

export const id = z.string().min(1).max(200);
export const shortText = z.string().max(TEXT_CAPS.short);
export const longText = z.string().max(TEXT_CAPS.answer);

export const templateIdSchema = z.enum(TEMPLATE_IDS);
export type TemplateId = z.infer<typeof templateIdSchema>;

export const runStateSchema = z.enum(['queued', 'streaming', 'done', 'error', 'cancelled', 'timed-out', 'incomplete']);
export type RunStateView = z.infer<typeof runStateSchema>;
