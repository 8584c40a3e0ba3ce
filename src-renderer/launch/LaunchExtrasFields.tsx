/** The launch dialog's extras (type, mounts, networks) wired to their state hook. */
import { LaunchMounts, LaunchNetworks } from './LaunchDevices';
import { TypeChoice } from './TypeChoice';
import type { LaunchExtrasState } from './use-launch-extras';

/** The type field over the extras' state; nothing until the driver list is in. */
export function ExtrasTypeChoice({ extras }: { extras: LaunchExtrasState }) {
  if (!extras.driver) return null;
  return (
    <TypeChoice
      driver={extras.driver}
      value={extras.extras.type}
      onChange={(type) => extras.setExtras((e) => ({ ...e, type }))}
    />
  );
}

/** The mounts and networks blocks over the extras' state. */
export function ExtrasDevices(props: { extras: LaunchExtrasState; submitted: boolean }) {
  const { extras } = props;
  const shared = {
    extras: extras.extras,
    problems: extras.problems,
    submitted: props.submitted,
    mountBlock: extras.mountBlock,
    networkBlock: extras.networkBlock,
    onChange: extras.setExtras,
  };
  return (
    <div className="devices">
      <LaunchMounts {...shared} />
      <LaunchNetworks {...shared} />
    </div>
  );
}
