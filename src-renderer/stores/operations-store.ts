/**
 * Long operations for the task area and the launch dialog: running ones (operations.list at
 * connect, then operation.progress events) and recent ones with their outcome.
 */
import { createStore } from 'zustand/vanilla';
import type { ApiEventPayload, OperationInfo } from '../../src-shared/api';
import type { ErrorEnvelope } from '../../src-shared/errors';

/** One step an operation reported. */
export interface TaskStep {
  /** Position in the operation's step list, a stable key for lists. */
  seq: number;
  step: string;
  message: string;
}

/** How an operation ended, or 'running'. */
export type TaskOutcome = 'running' | 'done' | 'failed' | 'cancelled';

/** One operation as the window tracks it. */
export interface Task {
  operationId: string;
  instance: string;
  kind: string;
  startedAt: string;
  /** Every step seen, oldest first; the last one is the current step. */
  steps: readonly TaskStep[];
  outcome: TaskOutcome;
  error: ErrorEnvelope | null;
}

/** What the operations store holds. */
export interface OperationsState {
  running: Readonly<Record<string, Task>>;
  /** Finished operations, newest first. */
  recent: readonly Task[];
  /** Operations whose outcome a dialog shows itself, so no notification repeats it. */
  silenced: ReadonlySet<string>;
  silence(operationId: string, on: boolean): void;
  /** Takes the core's list of running operations (after connecting). */
  replaceRunning(list: readonly OperationInfo[]): void;
  progress(event: ApiEventPayload<'operation.progress'>): void;
  finished(event: ApiEventPayload<'operation.finished'>): Task;
  /** Finds an operation, running or recent. */
  find(operationId: string): Task | undefined;
}

const MAX_RECENT = 20;

function newTask(from: Omit<Task, 'steps' | 'outcome' | 'error' | 'startedAt'>): Task {
  return {
    ...from,
    startedAt: new Date().toISOString(),
    steps: [],
    outcome: 'running',
    error: null,
  };
}

function withStep(task: Task, step: string, message: string): Task {
  const last = task.steps[task.steps.length - 1];
  if (step === '' || (last?.step === step && last.message === message)) return task;
  return { ...task, steps: [...task.steps, { seq: task.steps.length, step, message }] };
}

function outcomeOf(error: ErrorEnvelope | null): TaskOutcome {
  if (!error) return 'done';
  return error.code === 'CANCELLED' ? 'cancelled' : 'failed';
}

/** A store for operations. */
export function createOperationsStore() {
  return createStore<OperationsState>()((set, get) => ({
    running: {},
    recent: [],
    silenced: new Set(),
    silence: (id, on) => {
      const silenced = new Set(get().silenced);
      if (on) silenced.add(id);
      else silenced.delete(id);
      set({ silenced });
    },
    replaceRunning: (list) => {
      const running: Record<string, Task> = {};
      for (const info of list) {
        const known = get().running[info.operationId];
        const base = known ?? { ...newTask(info), startedAt: info.startedAt };
        running[info.operationId] = withStep(base, info.step, info.message);
      }
      set({ running });
    },
    progress: (event) => {
      const known = get().running[event.operationId] ?? newTask(event);
      const task = withStep(known, event.step, event.message);
      set({ running: { ...get().running, [event.operationId]: task } });
    },
    finished: (event) => {
      const { [event.operationId]: known, ...running } = get().running;
      const base = known ?? newTask(event);
      const task: Task = { ...base, outcome: outcomeOf(event.error), error: event.error };
      set({ running, recent: [task, ...get().recent].slice(0, MAX_RECENT) });
      return task;
    },
    find: (id) => get().running[id] ?? get().recent.find((t) => t.operationId === id),
  }));
}

/** The operations store's API. */
export type OperationsStore = ReturnType<typeof createOperationsStore>;
