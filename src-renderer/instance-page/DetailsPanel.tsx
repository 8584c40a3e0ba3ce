/** The instance page's facts: image and boot, addresses, SSH, resources, and the last error. */
import type { ReactNode } from 'react';
import type { InstanceInfo } from '../../src-shared/api';
import { formatBytes, formatCpus, formatDateTime } from '../format';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The details panel. */
export function DetailsPanel({ instance }: { instance: InstanceInfo }) {
  const { image, ssh } = instance;
  return (
    <section className="panel" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <dl className="facts">
        <Fact label="Image">
          <code className="wrap">{image.source}</code>
        </Fact>
        <Fact label="Type">
          {instance.instanceType === 'container' ? 'System container' : 'Virtual machine'}
        </Fact>
        {instance.instanceType === 'container' ? null : (
          <Fact label="Boot">
            {image.kind === 'kernel' ? 'Direct kernel boot' : 'UEFI from the disk'}
          </Fact>
        )}
        {image.cmdline ? (
          <Fact label="Kernel command line">
            <code className="wrap">{image.cmdline}</code>
          </Fact>
        ) : null}
        <Fact label="IPv4">{instance.ipv4.length > 0 ? instance.ipv4.join(', ') : '—'}</Fact>
        <Fact label="SSH">
          {ssh ? <code>{`${ssh.user}@${ssh.host} -p ${ssh.port}`}</code> : 'Not reachable now'}
        </Fact>
        <Fact label="Scope">
          <code>{instance.scope}</code>
        </Fact>
        {instance.location ? (
          <Fact label="Cluster member">
            <code>{instance.location}</code>
          </Fact>
        ) : null}
        <Fact label="Created">{formatDateTime(instance.createdAt)}</Fact>
        {instance.resumeOnReturn ? (
          <Fact label="Driver switch">Parked by a driver switch; it starts again on return.</Fact>
        ) : null}
        {instance.lastError ? (
          <Fact label="Last error">
            <span className="text-error">{instance.lastError}</span>
          </Fact>
        ) : null}
      </dl>
      <h3>Resources</h3>
      <dl className="facts facts--inline">
        <Fact label="CPUs">{formatCpus(instance.cpus)}</Fact>
        <Fact label="Memory">{formatBytes(instance.memoryBytes)}</Fact>
        <Fact label="Disk">{formatBytes(instance.diskBytes)}</Fact>
      </dl>
    </section>
  );
}
