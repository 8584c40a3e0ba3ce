/** The launch's steps as operation.progress events report them, the current one spinning. */
import { useStore } from 'zustand';
import { useBerth } from '../components/BerthProvider';
import { Icon, Spinner } from '../components/Icon';
import { stepLabel } from '../format';

/** The step list `launch-progress` of operation `operationId`. */
export function LaunchProgress({ operationId, name }: { operationId: string; name: string }) {
  const { operations } = useBerth();
  const task = useStore(
    operations,
    (s) => s.running[operationId] ?? s.recent.find((t) => t.operationId === operationId),
  );
  const steps = task?.steps ?? [];
  const running = !task || task.outcome === 'running';

  return (
    <ol
      className="steps"
      data-testid="launch-progress"
      aria-live="polite"
      aria-label={`Launching ${name}`}
    >
      {steps.length === 0 ? (
        <li className="step step--current">
          <Spinner /> <strong>Sending the launch request</strong>
        </li>
      ) : null}
      {steps.map((step, index) => {
        const current = running && index === steps.length - 1;
        return (
          <li key={step.seq} className={`step ${current ? 'step--current' : 'step--done'}`}>
            {current ? <Spinner /> : <Icon name="check" />}
            <strong>{stepLabel(step.step)}</strong>
            <span className="step__message">{step.message}</span>
          </li>
        );
      })}
    </ol>
  );
}
