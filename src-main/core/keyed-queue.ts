/** Serializes work per key (one instance's operations run one after another). */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly depth = new Map<string, number>();

  /** Runs `task` after every earlier task with the same key has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    this.depth.set(key, (this.depth.get(key) ?? 0) + 1);
    void settled.then(() => this.release(key, settled));
    return next;
  }

  /** True while any task for `key` is queued or running. */
  isBusy(key: string): boolean {
    return (this.depth.get(key) ?? 0) > 0;
  }

  /** True while any task at all is queued or running. */
  anyBusy(): boolean {
    return this.depth.size > 0;
  }

  /** Resolves once every task queued so far has settled. */
  async drain(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }

  private release(key: string, settled: Promise<unknown>): void {
    const left = (this.depth.get(key) ?? 1) - 1;
    if (left > 0) {
      this.depth.set(key, left);
      return;
    }
    this.depth.delete(key);
    if (this.tails.get(key) === settled) this.tails.delete(key);
  }
}
