/** The add-remote form: name, URL and the trust token made on the server, checked as typed. */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { ErrorView } from '../actions/errors';
import { useBerth } from '../components/BerthProvider';
import { FormField } from '../components/FormField';
import { Spinner } from '../components/Icon';
import { BerthCertificate } from './BerthCertificate';
import { addRemote } from './remote-actions';
import { EMPTY_REMOTE, type RemoteFields, remoteProblems, type TrustWay } from './remote-form';

const TOKEN_HINT = (
  <>
    On the server, run <code>lxc config trust add --name berth</code> and paste the token it prints.
    A token works once; Berth keeps its own certificate on the server from then on.
  </>
);

const FINGERPRINT_HINT = (
  <>
    On the server, <code>lxc info | grep certificate_fingerprint</code> prints it; Berth checks the
    server presents that certificate before sending anything.
  </>
);

const TRUST_WAYS: readonly { way: TrustWay; label: string }[] = [
  { way: 'token', label: 'Trust token' },
  { way: 'fingerprint', label: "Berth's certificate, trusted on the server" },
];

/** The form `remote-add-*`; `onDone` closes it after a remote was added or on Cancel. */
export function AddRemoteForm({ onDone }: { onDone(): void }) {
  const berth = useBerth();
  const remotes = useStore(berth.remotes, (s) => s.remotes);
  const [fields, setFields] = useState<RemoteFields>(EMPTY_REMOTE);
  const [touched, setTouched] = useState<ReadonlySet<keyof RemoteFields>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);

  const problems = remoteProblems(
    fields,
    remotes.map((r) => r.name),
  );
  const shown = (field: keyof RemoteFields) =>
    submitted || touched.has(field) ? problems[field] : undefined;
  const text = (field: keyof RemoteFields) => ({
    value: String(fields[field] ?? ''),
    spellCheck: false,
    onChange: (event: { target: { value: string } }) => {
      setFields((f) => ({ ...f, [field]: event.target.value }));
      setTouched((t) => new Set(t).add(field));
    },
  });

  const submit = async () => {
    setSubmitted(true);
    if (busy || Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    const failure = await addRemote(berth, fields);
    setBusy(false);
    if (failure) setError(failure);
    else onDone();
  };

  return (
    <form
      className="form remote-form"
      aria-label="Add a remote server"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="form__row form__row--two">
        <FormField id="remote-add-name" label="Name" problem={shown('name')}>
          {(a11y) => <input {...a11y} {...text('name')} placeholder="lab" autoComplete="off" />}
        </FormField>
        <FormField id="remote-add-url" label="URL" problem={shown('url')}>
          {(a11y) => <input {...a11y} {...text('url')} placeholder="https://lab.example:8443" />}
        </FormField>
      </div>
      <fieldset className="remote-form__trust">
        <legend>Trusted by</legend>
        {TRUST_WAYS.map(({ way, label }) => (
          <label key={way}>
            <input
              type="radio"
              name="remote-add-trust"
              value={way}
              checked={(fields.trust ?? 'token') === way}
              onChange={() => setFields((f) => ({ ...f, trust: way }))}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {fields.trust === 'fingerprint' ? (
        <>
          <BerthCertificate />
          <FormField
            id="remote-add-fingerprint"
            label="Server fingerprint (SHA-256)"
            hint={FINGERPRINT_HINT}
            problem={shown('fingerprint')}
          >
            {(a11y) => <input {...a11y} {...text('fingerprint')} autoComplete="off" />}
          </FormField>
        </>
      ) : (
        <FormField
          id="remote-add-token"
          label="Trust token"
          hint={TOKEN_HINT}
          problem={shown('token')}
        >
          {(a11y) => <textarea {...a11y} {...text('token')} rows={3} />}
        </FormField>
      )}
      {error ? (
        <div className="inline-error" role="alert">
          <strong>{error.message}</strong>
          {error.details.length > 0 ? <pre>{error.details.join('\n')}</pre> : null}
        </div>
      ) : null}
      <div className="form__actions">
        <button type="button" className="btn btn--default" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button
          type="submit"
          className="btn btn--primary"
          data-testid="remote-add-submit"
          aria-busy={busy || undefined}
        >
          {busy ? <Spinner /> : null}
          {busy ? 'Adding…' : 'Add remote'}
        </button>
      </div>
    </form>
  );
}
