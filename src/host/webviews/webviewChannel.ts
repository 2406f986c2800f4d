/**
 * The host end of one webview's message channel, shared by the sidebar, the results panel and the leaderboard:
 * - outgoing messages are validated against the protocol, then sent once the webview said `ready`; until then
 *   only the messages `queueable` keeps are queued (a full view is re-sent on `ready` anyway);
 * - incoming messages are validated; invalid ones are logged and dropped, `ready` is handled here;
 * - a webview that is hidden (and so torn down) is not ready until it says `ready` again.
 */
import * as vscode from 'vscode';
import type { z } from 'zod';
import { parseMessage } from '../../shared/protocol';
import { DisposableStore } from '../common/disposableStore';

export interface ChannelOptions<In, Out> {
  /** e.g. "results panel", for log lines. */
  name: string;
  incoming: z.ZodType<In>;
  outgoing: z.ZodType<Out>;
  log: vscode.LogOutputChannel;
  /** Messages kept while the webview is not listening (default: none). */
  queueable?: (message: Out) => boolean;
}

export class WebviewChannel<In extends { type: string }, Out extends { type: string }> implements vscode.Disposable {
  private webview: vscode.Webview | undefined;
  private ready = false;
  private queued: Out[] = [];
  private readonly attached = new DisposableStore();
  private readonly received = new vscode.EventEmitter<Exclude<In, { type: 'ready' }>>();
  private readonly becameReady = new vscode.EventEmitter<void>();

  /** A validated message other than `ready`. */
  readonly onDidReceiveMessage = this.received.event;
  /** The webview (re)loaded and listens: send it the full state. */
  readonly onDidBecomeReady = this.becameReady.event;

  constructor(private readonly options: ChannelOptions<In, Out>) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** Connects to a webview (a new one, or one restored after a reload). */
  attach(webview: vscode.Webview): void {
    this.attached.clear();
    this.webview = webview;
    this.ready = false;
    this.attached.add(webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
  }

  /** The webview was hidden (torn down) or closed: wait for the next `ready`. */
  markNotReady(): void {
    this.ready = false;
  }

  detach(): void {
    this.attached.clear();
    this.webview = undefined;
    this.ready = false;
  }

  post(message: Out): void {
    if (!this.webview) return;
    if (!this.ready) {
      if (this.options.queueable?.(message)) this.queued.push(message);
      return;
    }
    const checked = parseMessage(this.options.outgoing, message);
    if (!checked.ok) {
      this.options.log.error(`Not sent to the ${this.options.name}: invalid ${message.type} message (${checked.error}).`);
      return;
    }
    this.webview.postMessage(checked.message).then(undefined, () => undefined);
  }

  dispose(): void {
    this.attached.dispose();
    this.received.dispose();
    this.becameReady.dispose();
  }

  private receive(raw: unknown): void {
    const parsed = parseMessage(this.options.incoming, raw);
    if (!parsed.ok) {
      this.options.log.warn(`The ${this.options.name} sent an invalid message, dropped (${parsed.error}).`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready') {
      this.ready = true;
      this.becameReady.fire();
      const queued = this.queued;
      this.queued = [];
      queued.forEach((m) => this.post(m));
      return;
    }
    this.received.fire(message as Exclude<In, { type: 'ready' }>);
  }
}
