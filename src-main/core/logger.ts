/**
 * The one logger: levels, a topic per component ("core", "driver.qemu", ...), lines appended
 * to a file in the user's log folder. Nothing here writes to stdout; the CLI prints, not the core.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Log levels, quietest last. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
/** One log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A logger bound to one topic. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger for a sub-topic, e.g. `log.child('qemu')` gives "driver.qemu". */
  child(topic: string): Logger;
}

/** Where log lines go. Tests use a memory sink; the app uses a file sink. */
export interface LogSink {
  write(line: string): void;
}

/** A sink appending to one file; synchronous so a crash loses no line already logged. */
export function fileSink(path: string): LogSink {
  mkdirSync(dirname(path), { recursive: true });
  return { write: (line) => appendFileSync(path, `${line}\n`) };
}

/** A sink that keeps lines in memory, for tests. */
export function memorySink(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line) => lines.push(line) };
}

/** Creates the root logger for `topic`, dropping lines below `minLevel`. */
export function createLogger(sink: LogSink, minLevel: LogLevel = 'info', topic = 'berth'): Logger {
  const threshold = LOG_LEVELS.indexOf(minLevel);
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    sink.write(`${new Date().toISOString()} ${level.toUpperCase()} [${topic}] ${message}${extra}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (sub) => createLogger(sink, minLevel, `${topic}.${sub}`),
  };
}

/** The level BERTH_LOG_LEVEL asks for: debug, warn or error; info otherwise. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const value = env.BERTH_LOG_LEVEL;
  return value === 'debug' || value === 'warn' || value === 'error' ? value : 'info';
}

/** A logger that drops everything. */
export const silentLogger: Logger = createLogger({ write: () => undefined }, 'error', 'silent');
