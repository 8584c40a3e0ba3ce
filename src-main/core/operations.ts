/**
 * Long operations: each has an id (client-chosen or generated), reports progress as events,
 * can be cancelled through its AbortController, and announces how it finished.
 */
import { randomUUID } from 'node:crypto';
import type { OperationInfo } from '../../src-shared/api';
import { BerthError, toErrorEnvelope } from '../../src-shared/errors';
import type { EventBus } from './event-bus';

/** A running operation as its code sees it. */
export interface Operation {
  id: string;
  instance: string;
  kind: string;
  signal: AbortSignal;
  /** Reports a step; also written to the log by the caller. */
  progress(step: string, message: string): void;
}

interface RunningOperation {
  info: OperationInfo;
  controller: AbortController;
}

/** Tracks running operations so they can be cancelled by id. */
export class OperationRegistry {
  private readonly running = new Map<string, RunningOperation>();

  constructor(private readonly bus: EventBus) {}

  /** Runs `work` as an operation, emitting progress and the outcome. */
  async run<T>(
    instance: string,
    kind: string,
    requestedId: string | undefined,
    work: (op: Operation) => Promise<T>,
  ): Promise<T> {
    const id = requestedId ?? randomUUID();
    if (this.running.has(id)) throw new BerthError('BUSY', `Operation ${id} is already running`);
    const controller = new AbortController();
    const info: OperationInfo = {
      operationId: id,
      instance,
      kind,
      step: '',
      message: '',
      startedAt: new Date().toISOString(),
    };
    this.running.set(id, { info, controller });
    const progress = (step: string, message: string): void => {
      info.step = step;
      info.message = message;
      this.bus.emit('operation.progress', { operationId: id, instance, kind, step, message });
    };
    try {
      const result = await work({ id, instance, kind, signal: controller.signal, progress });
      this.bus.emit('operation.finished', { operationId: id, instance, kind, error: null });
      return result;
    } catch (error) {
      const envelope = toErrorEnvelope(error);
      this.bus.emit('operation.finished', { operationId: id, instance, kind, error: envelope });
      throw error;
    } finally {
      this.running.delete(id);
    }
  }

  /** Cancels operation `id`; false when no such operation runs. */
  cancel(id: string): boolean {
    const running = this.running.get(id);
    if (!running) return false;
    running.controller.abort(new BerthError('CANCELLED', 'The operation was cancelled'));
    return true;
  }

  /** Cancels every running operation of `kinds` on `instance` (a forced stop ends a boot). */
  cancelForInstance(instance: string, kinds: readonly string[]): void {
    for (const [id, running] of this.running) {
      const { info } = running;
      if (info.instance === instance && kinds.includes(info.kind)) this.cancel(id);
    }
  }

  /** The operations running now, oldest first. */
  list(): OperationInfo[] {
    return [...this.running.values()].map(({ info }) => ({ ...info }));
  }

  /** How many operations are running. */
  get size(): number {
    return this.running.size;
  }
}

/** Throws CANCELLED when `signal` was aborted. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new BerthError('CANCELLED', 'The operation was cancelled');
}
