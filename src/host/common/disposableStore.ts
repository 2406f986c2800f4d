/** One place for a component's disposables: `add` returns its argument; anything added after `dispose` is disposed at once. */
import type * as vscode from 'vscode';

export class DisposableStore implements vscode.Disposable {
  private items: vscode.Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  /** Disposes what the store holds now and keeps it usable. */
  clear(): void {
    const items = this.items;
    this.items = [];
    for (const item of items.reverse()) item.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}
