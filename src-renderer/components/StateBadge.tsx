/** An instance's state: a coloured dot, the label, and a spinner while it is on its way. */
import type { InstanceInfo } from '../../src-shared/api';
import { isTransitional } from '../../src-shared/states';
import { stateLabel, stateTone } from '../format';
import { Spinner } from './Icon';

/** The state badge; its label element carries `instance-<name>-state`. */
export function StateBadge(props: { instance: InstanceInfo; busy?: boolean }) {
  const { instance, busy = false } = props;
  const tone = stateTone(instance);
  const moving = busy || (!instance.deleted && isTransitional(instance.state));
  return (
    <span className={`state state--${tone}`}>
      {moving ? <Spinner /> : <span className="state__dot" aria-hidden="true" />}
      <span className="state__label" data-testid={`instance-${instance.name}-state`}>
        {stateLabel(instance)}
      </span>
    </span>
  );
}
