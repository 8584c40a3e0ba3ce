/** Friendly generated instance names ("brisk-heron"), as Multipass gives unnamed instances. */
import { randomInt } from 'node:crypto';

const ADJECTIVES = [
  'amber',
  'bold',
  'brisk',
  'calm',
  'clever',
  'cosy',
  'deft',
  'eager',
  'fair',
  'fleet',
  'gentle',
  'glad',
  'hardy',
  'keen',
  'lively',
  'lucid',
  'merry',
  'nimble',
  'proud',
  'quiet',
  'rapid',
  'sunny',
  'swift',
  'tidy',
  'vivid',
  'warm',
  'wise',
  'witty',
  'zesty',
  'steady',
];
const ANIMALS = [
  'badger',
  'crane',
  'dolphin',
  'egret',
  'falcon',
  'gecko',
  'heron',
  'ibis',
  'jackal',
  'koala',
  'lynx',
  'marten',
  'newt',
  'otter',
  'puffin',
  'quail',
  'raven',
  'seal',
  'tern',
  'urchin',
  'vole',
  'walrus',
  'wren',
  'yak',
  'zebra',
  'bison',
  'curlew',
  'dingo',
  'finch',
  'gannet',
];

/** A random adjective-animal name not in `taken`. */
export function generateName(taken: (name: string) => boolean): string {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const name = `${pick(ADJECTIVES)}-${pick(ANIMALS)}`;
    if (!taken(name)) return name;
  }
  return `instance-${Date.now().toString(36)}`;
}

function pick(words: readonly string[]): string {
  return words[randomInt(words.length)] ?? 'berth';
}
