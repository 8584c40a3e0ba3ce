/**
 * The serial console log (instances.console), read when the page opens and again whenever
 * the instance changes state; the Refresh button reads it on demand. Below it, the command
 * that opens a shell.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InstanceInfo } from '../../src-shared/api';
import { describeError } from '../actions/errors';
import { useBerth } from '../components/BerthProvider';
import { Spinner } from '../components/Icon';
import { ShellCommand } from './ShellCommand';

const MAX_BYTES = 65_536;

type Log = { path: string; text: string } | { error: string } | null;

/** The console panel for `instance`. */
export function ConsolePanel({ instance }: { instance: InstanceInfo }) {
  const { transport } = useBerth();
  const [log, setLog] = useState<Log>(null);
  const [loading, setLoading] = useState(false);
  const pre = useRef<HTMLPreElement>(null);
  const { name, state } = instance;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setLog(await transport.call('instances.console', { name, maxBytes: MAX_BYTES }));
    } catch (error) {
      setLog({ error: describeError(error).message });
    } finally {
      setLoading(false);
    }
  }, [transport, name]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: state is the trigger, not an input.
  useEffect(() => {
    void load();
  }, [load, state]);

  useEffect(() => {
    // The newest lines are the interesting ones; start at the bottom.
    if (log && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [log]);

  return (
    <section className="panel panel--console" aria-labelledby="console-title">
      <div className="panel__head">
        <h2 id="console-title">Serial console</h2>
        {loading ? <Spinner label="Loading the console log" /> : null}
        <button type="button" className="btn btn--default btn--small" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {log && 'error' in log ? <p className="text-error">{log.error}</p> : null}
      {log && 'path' in log ? (
        <>
          <pre
            ref={pre}
            className="console"
            role="log"
            aria-label={`Console log of ${name}`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboards scroll only with focus.
            tabIndex={0}
          >
            {log.text === '' ? 'The console has printed nothing yet.' : log.text}
          </pre>
          <p className="muted small">
            From <code>{log.path}</code> (the last {Math.round(MAX_BYTES / 1024)} KiB)
          </p>
        </>
      ) : null}
      <ShellCommand name={name} />
    </section>
  );
}
