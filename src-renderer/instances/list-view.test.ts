import { describe, expect, it } from 'vitest';
import { fakeInstance } from '../testing/fixtures';
import { type ListOptions, visibleInstances } from './list-view';

const all = [
  fakeInstance('web-10', { state: 'running', memoryBytes: 2 * 1024 ** 3, ipv4: ['10.0.0.5'] }),
  fakeInstance('web-2', { state: 'stopped', memoryBytes: 1024 ** 3 }),
  fakeInstance('db', { state: 'suspended', memoryBytes: 4 * 1024 ** 3 }),
  fakeInstance('old', { state: 'stopped', deleted: true }),
];
const base: ListOptions = {
  search: '',
  runningOnly: false,
  sort: { key: 'name', descending: false },
};
const names = (options: Partial<ListOptions>) =>
  visibleInstances(all, { ...base, ...options }).map((i) => i.name);

describe('the instance list view', () => {
  it('sorts names the way people count (web-2 before web-10)', () => {
    expect(names({})).toEqual(['db', 'old', 'web-2', 'web-10']);
  });

  it('sorts by memory, either way', () => {
    expect(names({ sort: { key: 'memory', descending: true } })[0]).toBe('db');
    expect(names({ sort: { key: 'memory', descending: false } }).at(-1)).toBe('db');
  });

  it('finds instances by name, address or state label, ignoring case', () => {
    expect(names({ search: 'WEB' })).toEqual(['web-2', 'web-10']);
    expect(names({ search: '10.0.0' })).toEqual(['web-10']);
    expect(names({ search: 'suspended' })).toEqual(['db']);
  });

  it('shows only running instances when asked', () => {
    expect(names({ runningOnly: true })).toEqual(['web-10']);
  });

  it('puts deleted instances after live ones when sorting by state', () => {
    expect(names({ sort: { key: 'state', descending: false } }).at(-1)).toBe('old');
  });
});
