/** Parallax's public API as the companion sees it: the contract, plus optional members the host may add. */
import * as vscode from 'vscode';
import type { ModelOutcome } from '../../../../src/core/compare/runTypes';
import type { ConfigProblem } from '../../../../src/core/config/configProblems';

export const PARALLAX_ID = 'parallax-dev.parallax';

export interface FinishedRun {
  runId: string;
  requestHash: string;
  template: string;
  outcomes: ModelOutcome[];
}

export interface ParallaxApi {
  apiVersion: 1;
  onDidFinishRun: vscode.Event<FinishedRun>;
  /** Optional: the settings problems the host currently shows. */
  getConfigProblems?: () => ConfigProblem[];
}

function isParallaxApi(value: unknown): value is ParallaxApi {
  return typeof value === 'object' && value !== null && (value as { apiVersion?: unknown }).apiVersion === 1
    && typeof (value as { onDidFinishRun?: unknown }).onDidFinishRun === 'function';
}

export function parallaxExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(PARALLAX_ID);
  if (!ext) throw new Error(`${PARALLAX_ID} is not installed`);
  return ext;
}

/** Activates Parallax and returns its API; throws if `activate()` did not return the contract. */
export async function activateParallax(): Promise<ParallaxApi> {
  const api: unknown = await parallaxExtension().activate();
  if (!isParallaxApi(api)) throw new Error(`${PARALLAX_ID} activate() did not return { apiVersion: 1, onDidFinishRun }`);
  return api;
}
