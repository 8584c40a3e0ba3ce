/**
 * The command that opens a shell in the instance from a terminal, with a Copy button. The
 * window has no terminal of its own; the CLI's is a real one, with the user's own terminal.
 */
import { useEffect, useRef, useState } from 'react';

type Copy = 'idle' | 'copied' | 'select';

const RESET_MS = 2000;

/** Selects the text of `element`, so Ctrl+C copies it where the clipboard API is refused. */
function selectText(element: HTMLElement | null): void {
  const selection = window.getSelection();
  if (!element || !selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** `berth shell <name>` and its Copy button. */
export function ShellCommand({ name }: { name: string }) {
  const command = `berth shell ${name}`;
  const [copy, setCopy] = useState<Copy>('idle');
  const code = useRef<HTMLElement>(null);

  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), RESET_MS);
    return () => clearTimeout(timer);
  }, [copy]);

  const onCopy = () => {
    const clipboard = navigator.clipboard as Clipboard | undefined;
    const fallback = () => {
      selectText(code.current);
      setCopy('select');
    };
    if (!clipboard) return fallback();
    clipboard.writeText(command).then(() => setCopy('copied'), fallback);
  };

  return (
    <div className="shell-command" data-testid="shell-command">
      <span className="muted">Open a shell from a terminal:</span>
      <code ref={code}>{command}</code>
      <button
        type="button"
        className="btn btn--default btn--small"
        data-testid="shell-command-copy"
        onClick={onCopy}
      >
        {copy === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="muted small" role="status">
        {copy === 'select' ? 'Selected: press Ctrl+C to copy' : ''}
      </span>
    </div>
  );
}
