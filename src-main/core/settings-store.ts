/** Settings persisted in one versioned document, validated on read and on every change. */
import * as z from 'zod';
import { BerthError } from '../../src-shared/errors';
import type { Logger } from './logger';
import { readJsonDocument, writeJsonDocument } from './persist/json-store';
import { type HostFacts, SETTINGS, settingDefinition } from './settings-keys';

const SETTINGS_VERSION = 1 as const;

const settingsFileSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  values: z.record(z.string(), z.string()),
});

type SettingsFile = z.infer<typeof settingsFileSchema>;

/** The user's settings; only explicitly set values are stored, defaults are computed. */
export class SettingsStore {
  private file: SettingsFile = { version: SETTINGS_VERSION, values: {} };
  /** Why the stored file could not be used, if it could not. */
  problem: string | null = null;

  constructor(
    private readonly path: string,
    private readonly host: HostFacts,
    private readonly log: Logger,
  ) {}

  /** Reads the file, moving a corrupt one aside (reported in `problem`). */
  async load(): Promise<void> {
    const read = await readJsonDocument(this.path, settingsFileSchema, {
      create: () => ({ version: SETTINGS_VERSION, values: {} }),
      log: this.log,
    });
    this.file = read.value;
    this.problem = read.problem;
    for (const [key, value] of Object.entries(this.file.values)) {
      const definition = settingDefinition(key);
      const checked = definition?.normalise(value, this.host);
      if (!checked || 'problem' in checked) {
        this.log.warn('ignoring an invalid stored setting', { key, value });
        delete this.file.values[key];
      }
    }
  }

  /** The effective value of `key` (stored or default). */
  get(key: string): string {
    const definition = this.definition(key);
    return this.file.values[key] ?? definition.defaultValue(this.host);
  }

  /** Every known setting with its effective value. */
  list(): { key: string; value: string }[] {
    return SETTINGS.map((s) => ({ key: s.key, value: this.get(s.key) }));
  }

  /** Checks `value` for `key` without storing it; returns the normalised value. */
  check(key: string, value: string): string {
    const checked = this.definition(key).normalise(value, this.host);
    if ('problem' in checked) throw new BerthError('INVALID_INPUT', checked.problem);
    return checked.value;
  }

  /** Validates and stores one value. */
  async set(key: string, value: string): Promise<string> {
    const normalised = this.check(key, value);
    const next = { ...this.file, values: { ...this.file.values, [key]: normalised } };
    await writeJsonDocument(this.path, settingsFileSchema, next);
    this.file = next;
    return normalised;
  }

  private definition(key: string) {
    const definition = settingDefinition(key);
    if (!definition) {
      const known = SETTINGS.map((s) => s.key).join(', ');
      throw new BerthError('INVALID_INPUT', `Unknown setting "${key}"; known settings: ${known}`);
    }
    return definition;
  }
}
