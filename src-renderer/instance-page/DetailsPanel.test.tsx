// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeInstance } from '../testing/fixtures';
import { DetailsPanel } from './DetailsPanel';

afterEach(cleanup);

describe('the instance details', () => {
  it('says a VM is a virtual machine and how it boots', () => {
    render(<DetailsPanel instance={fakeInstance('web', { instanceType: 'virtual-machine' })} />);
    const facts = screen.getByRole('region', { name: 'Details' }).textContent ?? '';
    expect(facts).toContain('Virtual machine');
    expect(facts).toContain('UEFI from the disk');
  });

  it('says an LXD container is a system container, with no firmware boot line', () => {
    const box = fakeInstance('box', { instanceType: 'container', scope: 'lxd' });
    render(<DetailsPanel instance={box} />);
    const facts = screen.getByRole('region', { name: 'Details' }).textContent ?? '';
    expect(facts).toContain('System container');
    expect(facts).not.toContain('UEFI');
  });

  it('names the cluster member the instance runs on, where there is one', () => {
    render(<DetailsPanel instance={fakeInstance('web', { location: 'node2' })} />);
    const facts = screen.getByRole('region', { name: 'Details' }).textContent ?? '';
    expect(facts).toContain('Cluster membernode2');
  });
});
