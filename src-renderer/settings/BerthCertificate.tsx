/**
 * Berth's client certificate, for adding a remote whose administrator trusts it beforehand:
 * shown for copying, with what to run on the server. Asked of the core once per mount.
 */
import { useEffect, useState } from 'react';
import type { ApiResponse } from '../../src-shared/api';
import { describeError } from '../actions/errors';
import { useBerth } from '../components/BerthProvider';

/** The certificate (PEM, selectable) and its fingerprint, or why they could not be read. */
export function BerthCertificate() {
  const { transport } = useBerth();
  const [cert, setCert] = useState<ApiResponse<'remotes.certificate'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    transport.call('remotes.certificate', {}).then(setCert, (failure: unknown) => {
      setError(describeError(failure).message);
    });
  }, [transport]);

  if (error) return <p className="inline-error">{error}</p>;
  if (!cert) return <p className="muted">Reading Berth's certificate…</p>;
  return (
    <div className="remote-cert" data-testid="berth-certificate">
      <p className="muted small">
        Save this as <code>berth.crt</code> on the server and run{' '}
        <code>lxc config trust add berth.crt</code> there. Its fingerprint is{' '}
        <code>{cert.fingerprint.slice(0, 16)}…</code>
      </p>
      <textarea readOnly rows={4} value={cert.certPem} aria-label="Berth's certificate" />
    </div>
  );
}
