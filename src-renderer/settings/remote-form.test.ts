import { describe, expect, it } from 'vitest';
import { addRemoteRequest, EMPTY_REMOTE, remoteProblems } from './remote-form';

const valid = { name: 'lab', url: 'https://lab.example:8443', token: 'abc' };
const problems = (extra: Partial<typeof valid>, taken: string[] = []) =>
  remoteProblems({ ...valid, ...extra }, taken);

describe('the add-remote checks', () => {
  it('accepts a name, an https URL with a port, and a token', () => {
    expect(problems({})).toEqual({});
    expect(Object.keys(remoteProblems(EMPTY_REMOTE, []))).toEqual(['name', 'url', 'token']);
  });

  it('uses the core name rule and refuses a name already added', () => {
    expect(problems({ name: '9lab' }).name).toMatch(/lower-case letter first/);
    expect(problems({ name: 'lab' }, ['lab']).name).toBe('A remote called lab already exists');
  });

  it('wants https://host[:port] and nothing more', () => {
    expect(problems({ url: 'lab:8443' }).url).toBeDefined();
    expect(problems({ url: 'http://lab:8443' }).url).toMatch(/https/);
    expect(problems({ url: 'https://lab:8443/1.0' }).url).toMatch(/no path/);
    expect(problems({ url: 'https://lab:8443/' }).url).toBeUndefined();
  });

  it('sends the token without the line breaks a paste brings', () => {
    const request = addRemoteRequest({ ...valid, url: 'https://lab/ ', token: ' ab\ncd \n' });
    expect(request).toEqual({ name: 'lab', url: 'https://lab', token: 'abcd' });
  });
});
