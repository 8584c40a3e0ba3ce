// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShellCommand } from './ShellCommand';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the shell command', () => {
  it('shows the CLI command for the instance and copies it', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    render(<ShellCommand name="web" />);
    expect(screen.getByTestId('shell-command').textContent).toContain('berth shell web');

    await act(async () => fireEvent.click(screen.getByTestId('shell-command-copy')));
    expect(writeText).toHaveBeenCalledWith('berth shell web');
    expect(screen.getByTestId('shell-command-copy').textContent).toBe('Copied');
  });

  it('selects the command for Ctrl+C where the clipboard is refused', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('denied')));
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    render(<ShellCommand name="web" />);

    await act(async () => fireEvent.click(screen.getByTestId('shell-command-copy')));
    expect(screen.getByRole('status').textContent).toBe('Selected: press Ctrl+C to copy');
    expect(window.getSelection()?.toString()).toBe('berth shell web');
  });
});
