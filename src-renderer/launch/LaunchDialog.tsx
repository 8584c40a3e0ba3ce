/**
 * The launch dialog: the form, checked live with the shared rules, then the launch itself with
 * its steps and a cancel button (operations.cancel with the id this dialog chose).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { describeError, type ErrorView } from '../actions/errors';
import { newOperationId } from '../actions/operation-id';
import { useBerth } from '../components/BerthProvider';
import { Modal } from '../components/Modal';
import type { Berth } from '../stores/berth';
import { ExtrasDevices, ExtrasTypeChoice } from './LaunchExtrasFields';
import { LaunchFieldset } from './LaunchFieldset';
import { LaunchFooter } from './LaunchFooter';
import { LaunchProgress } from './LaunchProgress';
import {
  type FieldProblems,
  INITIAL_FIELDS,
  imageHint,
  type LaunchFields,
  type LaunchRequest,
  launchProblems,
  launchRequest,
} from './launch-form';
import { useLaunchExtras } from './use-launch-extras';

/** Where the dialog is: filling the form, launching, or showing why the launch failed. */
export type LaunchRun =
  | { phase: 'form'; note: string | null }
  | { phase: 'running'; operationId: string; cancelling: boolean }
  | { phase: 'failed'; operationId: string; error: ErrorView };

const ADVANCED: readonly (keyof LaunchFields)[] = ['kernel', 'initrd', 'cmdline'];

function useSuggestedName(berth: Berth, apply: (name: string) => void) {
  const applied = useRef(false);
  useEffect(() => {
    berth.transport.call('instances.suggestName', {}).then(
      (reply) => {
        if (!applied.current) apply(reply.name);
        applied.current = true;
      },
      // No suggestion is fine: the user types a name.
      () => undefined,
    );
  }, [berth, apply]);
}

/** The launch dialog; closes itself when the instance is up. */
export function LaunchDialog() {
  const berth = useBerth();
  const byName = useStore(berth.instances, (s) => s.byName);
  const [fields, setFields] = useState<LaunchFields>(INITIAL_FIELDS);
  const [touched, setTouched] = useState<ReadonlySet<keyof LaunchFields>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [advanced, setAdvanced] = useState(false);
  const [run, setRun] = useState<LaunchRun>({ phase: 'form', note: null });
  const body = useRef<HTMLDivElement>(null);
  const extras = useLaunchExtras();

  const suggest = useMemo(
    () => (name: string) => setFields((f) => (f.name === '' ? { ...f, name } : f)),
    [],
  );
  useSuggestedName(berth, suggest);

  const taken = useMemo(() => new Set(Object.keys(byName)), [byName]);
  const problems = launchProblems(fields, taken);
  const shown: FieldProblems = {};
  for (const [field, problem] of Object.entries(problems) as [keyof LaunchFields, string][]) {
    if (submitted || touched.has(field)) shown[field] = problem;
  }

  const change = (field: keyof LaunchFields, value: string) => {
    setFields((f) => ({ ...f, [field]: value }));
    setTouched((t) => new Set(t).add(field));
  };

  const close = () => {
    // A launch left running goes on in the task area; its outcome is then notified.
    if (run.phase === 'running') berth.operations.getState().silence(run.operationId, false);
    berth.ui.getState().setLaunchOpen(false);
  };

  const submit = () => {
    setSubmitted(true);
    const invalid = Object.keys(problems) as (keyof LaunchFields)[];
    if (invalid.length > 0) {
      if (invalid.some((f) => ADVANCED.includes(f))) setAdvanced(true);
      const first = invalid[0];
      setTimeout(() =>
        body.current
          ?.querySelector<HTMLElement>(`#launch-${first === 'userData' ? 'user-data' : first}`)
          ?.focus(),
      );
      return;
    }
    if (Object.keys(extras.problems).length > 0) {
      // The rows mark themselves invalid once submitted; go to the first one.
      setTimeout(() => body.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    void launch(berth, launchRequest(fields, newOperationId('launch'), extras.request()), setRun);
  };

  return (
    <Modal
      title={run.phase === 'form' ? 'Launch an instance' : `Launching ${fields.name.trim()}`}
      onClose={close}
      size="large"
      testId="launch-dialog"
      footer={<LaunchFooter run={run} setRun={setRun} onSubmit={submit} onClose={close} />}
    >
      <div ref={body}>
        {run.phase === 'form' ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            {run.note ? (
              <p className="note" role="status">
                {run.note}
              </p>
            ) : null}
            <LaunchFieldset
              fields={fields}
              problems={shown}
              advanced={advanced}
              onChange={change}
              onToggleAdvanced={() => setAdvanced(!advanced)}
              imageHint={imageHint(extras.driver)}
              typeChoice={<ExtrasTypeChoice extras={extras} />}
              devices={<ExtrasDevices extras={extras} submitted={submitted} />}
            />
          </form>
        ) : (
          <LaunchProgress operationId={run.operationId} name={fields.name.trim()} />
        )}
        {run.phase === 'failed' ? (
          <div className="inline-error" role="alert">
            <strong>{run.error.message}</strong>
            {run.error.details.length > 0 ? <pre>{run.error.details.join('\n')}</pre> : null}
          </div>
        ) : null}
      </div>
    </Modal>
  );
}

/** Sends `request` and moves the dialog through its phases. */
async function launch(berth: Berth, request: LaunchRequest, setRun: (run: LaunchRun) => void) {
  const { operationId } = request;
  const operations = berth.operations.getState();
  // This dialog shows the outcome itself while it is open.
  operations.silence(operationId, true);
  setRun({ phase: 'running', operationId, cancelling: false });
  try {
    const instance = await berth.transport.call('instances.launch', request);
    berth.observe(instance);
    berth.ui.getState().setLaunchOpen(false);
    const title = `Launched ${instance.name}`;
    berth.notifications.getState().push({ tone: 'success', title, message: '', details: [] });
  } catch (error) {
    const view = describeError(error);
    if (view.code === 'CANCELLED') {
      setRun({ phase: 'form', note: 'The launch was cancelled; nothing was left behind.' });
    } else {
      setRun({ phase: 'failed', operationId, error: view });
    }
  } finally {
    berth.operations.getState().silence(operationId, false);
  }
}
