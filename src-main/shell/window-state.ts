/**
 * The window's remembered size and position, kept in `<data>/window-state.json` with the
 * core's validated, atomic JSON documents (a damaged file is moved aside, never trusted).
 */
import { join } from 'node:path';
import * as z from 'zod';
import type { Logger } from '../core/logger';
import { readJsonDocument, writeJsonDocument } from '../core/persist/json-store';

/** The window's outer bounds in screen pixels, and whether it was maximised. */
export const windowStateSchema = z.object({
  version: z.literal(1),
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

/** Remembered bounds. */
export type WindowState = z.infer<typeof windowStateSchema>;

/** Where the state lives inside a data directory. */
export function windowStateFile(dataDir: string): string {
  return join(dataDir, 'window-state.json');
}

/** The remembered state, or null when there is none (first run, or a damaged file). */
export async function readWindowState(path: string, log: Logger): Promise<WindowState | null> {
  const schema = windowStateSchema.nullable();
  const { value } = await readJsonDocument<WindowState | null>(path, schema, {
    create: () => null,
    log,
  });
  return value;
}

/** Remembers `state` atomically. */
export async function writeWindowState(path: string, state: WindowState): Promise<void> {
  await writeJsonDocument(path, windowStateSchema, state);
}

/** What the shell reads off a window to remember it. */
export interface WindowFacts {
  /** Bounds when not maximised (Electron's getNormalBounds), so un-maximising restores them. */
  normalBounds: { x: number; y: number; width: number; height: number };
  maximized: boolean;
}

/** The state to store for a window. */
export function stateOfWindow(facts: WindowFacts): WindowState {
  const { x, y, width, height } = facts.normalBounds;
  return {
    version: 1,
    x: Math.round(x),
    y: Math.round(y),
    width: Math.round(width),
    height: Math.round(height),
    maximized: facts.maximized,
  };
}
