import { describe, expect, it } from 'vitest';
import { createEventGate, type EventFrame, MAX_HELD_EVENTS } from './event-gate';

const frame = (name: string): EventFrame => ({
  event: 'instance.removed',
  payload: { scope: 'qemu', name },
});
const names = (frames: EventFrame[]) => frames.map((f) => (f.payload as { name: string }).name);

describe('the event gate in front of the page', () => {
  it('loses no event pushed before the page is ready, and keeps their order', () => {
    const sent: EventFrame[] = [];
    const gate = createEventGate((f) => sent.push(f));
    gate.push(frame('a'));
    gate.push(frame('b'));
    expect(sent).toEqual([]);
    expect(gate.pending()).toBe(2);

    gate.open();
    gate.push(frame('c'));
    expect(names(sent)).toEqual(['a', 'b', 'c']);
    expect(gate.pending()).toBe(0);
  });

  it('holds events again while a reloaded page starts, then delivers them', () => {
    const sent: EventFrame[] = [];
    const gate = createEventGate((f) => sent.push(f));
    gate.open();
    gate.close();
    gate.push(frame('during-reload'));
    expect(sent).toEqual([]);
    gate.open();
    expect(names(sent)).toEqual(['during-reload']);
  });

  it('drops what an old page missed when a new page starts, then holds for the new one', () => {
    const sent: EventFrame[] = [];
    const gate = createEventGate((f) => sent.push(f));
    gate.push(frame('while-no-window'));
    gate.reset();
    gate.push(frame('while-loading'));
    gate.open();
    expect(names(sent)).toEqual(['while-loading']);
  });

  it('delivers nothing twice when ready comes again', () => {
    const sent: EventFrame[] = [];
    const gate = createEventGate((f) => sent.push(f));
    gate.push(frame('a'));
    gate.open();
    gate.open();
    expect(names(sent)).toEqual(['a']);
  });

  it('keeps only the newest events for a page that never says ready', () => {
    const sent: EventFrame[] = [];
    const gate = createEventGate((f) => sent.push(f));
    for (let i = 0; i < MAX_HELD_EVENTS + 5; i++) gate.push(frame(`e${i}`));
    expect(gate.pending()).toBe(MAX_HELD_EVENTS);
    gate.open();
    expect(names(sent)[0]).toBe('e5');
    expect(names(sent).at(-1)).toBe(`e${MAX_HELD_EVENTS + 4}`);
  });
});
