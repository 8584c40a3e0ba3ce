/**
 * Actions in progress, per instance: from the click until the instance's observed state
 * becomes the one the action aims for, or the request fails. A reply alone does not end it,
 * unless the reply is itself the final observation.
 */
import { createStore } from 'zustand/vanilla';
import type { InstanceInfo } from '../../src-shared/api';
import { isTransitional } from '../../src-shared/states';

/** What a pending action waits for: the instance as observed, or null once it is removed. */
export type Goal = (instance: InstanceInfo | null) => boolean;

/** One action in progress. */
export interface PendingAction {
  /** The action's id as the UI names it ("start", "force-stop", "snapshot"). */
  action: string;
  goal: Goal;
  /**
   * True when the instance already met the goal at the click (restart: running → running),
   * so the goal only counts after some other state has been seen.
   */
  needsChange: boolean;
  seenOther: boolean;
  /** True once the request succeeded; a settled, non-goal state then ends the action too. */
  replied: boolean;
}

/** True when nothing more will happen to the instance on its own. */
function settled(instance: InstanceInfo | null): boolean {
  return instance === null || !isTransitional(instance.state);
}

/** What the pending store holds. */
export interface PendingState {
  byName: Readonly<Record<string, PendingAction>>;
  /** Marks `action` in progress on `name`; `current` is the instance as last observed. */
  begin(name: string, action: string, goal: Goal, current: InstanceInfo | null): void;
  /** Feeds one observation of `name` (null: removed); ends the action when the goal is met. */
  observe(name: string, instance: InstanceInfo | null): void;
  /**
   * The request succeeded and `latest` is the newest observation: ends the action when the
   * goal is met or the instance has settled elsewhere, else waits for the next change.
   */
  settle(name: string, action: string, latest: InstanceInfo | null): void;
  /** Ends the action on `name` (the request failed); with `action`, only that action. */
  end(name: string, action?: string): void;
  /** Forgets everything (the scope changed). */
  clear(): void;
}

/** A store for pending actions. */
export function createPendingStore() {
  return createStore<PendingState>()((set, get) => ({
    byName: {},
    begin: (name, action, goal, current) => {
      const needsChange = goal(current);
      const pending: PendingAction = {
        action,
        goal,
        needsChange,
        seenOther: false,
        replied: false,
      };
      set({ byName: { ...get().byName, [name]: pending } });
    },
    observe: (name, instance) => {
      const pending = get().byName[name];
      if (!pending) return;
      const met = pending.goal(instance);
      const reached = met && (!pending.needsChange || pending.seenOther);
      if (reached || (pending.replied && settled(instance))) {
        get().end(name);
        return;
      }
      if (!met && !pending.seenOther) {
        set({ byName: { ...get().byName, [name]: { ...pending, seenOther: true } } });
      }
    },
    settle: (name, action, latest) => {
      const pending = get().byName[name];
      if (!pending || pending.action !== action) return;
      if (pending.goal(latest) || settled(latest)) {
        get().end(name);
        return;
      }
      set({ byName: { ...get().byName, [name]: { ...pending, replied: true } } });
    },
    end: (name, action) => {
      const pending = get().byName[name];
      if (!pending || (action !== undefined && pending.action !== action)) return;
      const { [name]: _done, ...rest } = get().byName;
      set({ byName: rest });
    },
    clear: () => set({ byName: {} }),
  }));
}

/** The pending store's API. */
export type PendingStore = ReturnType<typeof createPendingStore>;
