/**
 * Child process for crash.test.ts: writes versioned documents to a few files until it is
 * killed, printing `<file> <counter>` after each write has returned (is committed).
 *
 * Usage: node --import tsx crash-writer.ts <dir> <first counter>
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import { writeJsonDocument } from './json-store';

/** The files the writer cycles through, in order. */
export const CRASH_FILES = ['alpha.json', 'beta.json', 'gamma.json'] as const;

/** A few KB that differ in content and length per counter, so a torn write cannot validate. */
export function payloadFor(counter: number): string {
  return `${counter};`.repeat(400 + (counter % 7) * 150);
}

/** One written document; the refinement ties the payload to the counter. */
export const crashDocSchema = z
  .object({ version: z.literal(1), counter: z.number().int().nonnegative(), payload: z.string() })
  .refine((doc) => doc.payload === payloadFor(doc.counter), 'payload does not match counter');

/** The document holding `counter`. */
export function crashDoc(counter: number): z.infer<typeof crashDocSchema> {
  return { version: 1, counter, payload: payloadFor(counter) };
}

/** Writes a line and waits until it has been handed to the OS, so a kill cannot lose it. */
function report(line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${line}\n`, (error) => (error ? reject(error) : resolve()));
  });
}

async function main(dir: string, first: number): Promise<void> {
  // If the parent never kills us (it failed), do not write forever.
  setTimeout(() => process.exit(2), 20_000).unref();

  await report('started');
  for (let counter = first; ; counter++) {
    for (const name of CRASH_FILES) {
      await writeJsonDocument(join(dir, name), crashDocSchema, crashDoc(counter));
      await report(`${name} ${counter}`);
    }
  }
}

const [dir, first] = process.argv.slice(2);
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!dir || !first) throw new Error('usage: crash-writer.ts <dir> <first counter>');
  await main(dir, Number(first));
}
