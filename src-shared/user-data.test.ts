import { describe, expect, it } from 'vitest';
import { BerthError } from './errors';
import { assertValidUserData, USER_DATA_MAX_BYTES, validateUserData } from './user-data';

describe('validateUserData', () => {
  it('accepts a cloud-config mapping', () => {
    const text = '#cloud-config\npackages:\n  - htop\nruncmd:\n  - [touch, /tmp/ok]\n';
    expect(validateUserData(text)).toBeNull();
  });

  it('accepts a cloud-config header with nothing under it', () => {
    expect(validateUserData('#cloud-config\n')).toBeNull();
    expect(validateUserData('#cloud-config\n{}')).toBeNull();
  });

  it('names the line and column of a YAML error', () => {
    const text = '#cloud-config\npackages:\n  - htop\nruncmd: [\n';
    expect(validateUserData(text)).toMatch(/not valid YAML \(line \d+, column \d+\)/);

    const duplicate = '#cloud-config\nhostname: a\nhostname: b\n';
    expect(validateUserData(duplicate)).toBe(
      'user-data is not valid YAML (line 3, column 1): Map keys must be unique',
    );
  });

  it('refuses a cloud-config that is a single value or a list', () => {
    expect(validateUserData('#cloud-config\nhello')).toMatch(/must be a mapping.*single value/);
    expect(validateUserData('#cloud-config\n- a\n- b\n')).toMatch(/must be a mapping.*a list/);
  });

  it('accepts a cloud-config-archive, which is a list', () => {
    expect(validateUserData('#cloud-config-archive\n- type: text/cloud-config\n')).toBeNull();
  });

  it('passes scripts, include lists and MIME multipart through unchecked', () => {
    expect(validateUserData('#!/bin/sh\necho "{[ not yaml"\n')).toBeNull();
    expect(validateUserData('#include\nhttps://example.com/a\n')).toBeNull();
    expect(validateUserData('Content-Type: multipart/mixed; boundary="x"\n\n--x\n')).toBeNull();
  });

  it('refuses user-data over the size limit', () => {
    const text = `#cloud-config\nx: "${'a'.repeat(USER_DATA_MAX_BYTES)}"\n`;
    expect(validateUserData(text)).toMatch(/too large: \d+ bytes \(the limit is 1000000\)/);
  });
});

describe('assertValidUserData', () => {
  it('throws INVALID_INPUT with the reason', () => {
    let caught: unknown;
    try {
      assertValidUserData('#cloud-config\n42');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BerthError);
    expect((caught as BerthError).code).toBe('INVALID_INPUT');
    expect((caught as BerthError).message).toMatch(/must be a mapping/);
  });
});
