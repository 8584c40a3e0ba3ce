/** The launch form's inputs, each labelled, with its hint and its live problem. */
import type { ReactNode } from 'react';
import type { FieldProblems, LaunchFields } from './launch-form';

/** What the inputs need from the dialog. */
export interface LaunchFieldsProps {
  fields: LaunchFields;
  problems: FieldProblems;
  advanced: boolean;
  onChange(field: keyof LaunchFields, value: string): void;
  onToggleAdvanced(): void;
}

const TEST_IDS: Readonly<Record<keyof LaunchFields, string>> = {
  image: 'launch-image',
  name: 'launch-name',
  cpus: 'launch-cpus',
  memory: 'launch-memory',
  disk: 'launch-disk',
  userData: 'launch-user-data',
  kernel: 'launch-kernel',
  initrd: 'launch-initrd',
  cmdline: 'launch-cmdline',
};

function Field(props: {
  field: keyof LaunchFields;
  label: string;
  hint?: string;
  problem: string | undefined;
  children: (a11y: Record<string, string | boolean | undefined>) => ReactNode;
}) {
  const id = TEST_IDS[props.field];
  const describedBy = [props.hint ? `${id}-hint` : '', props.problem ? `${id}-problem` : '']
    .filter(Boolean)
    .join(' ');
  const a11y = {
    id,
    'data-testid': id,
    'aria-invalid': props.problem ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
  return (
    <div className={`field field--${props.field}`}>
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(a11y)}
      {props.hint ? (
        <span id={`${id}-hint`} className="field__hint">
          {props.hint}
        </span>
      ) : null}
      {props.problem ? (
        <span id={`${id}-problem`} className="field__problem">
          {props.problem}
        </span>
      ) : null}
    </div>
  );
}

/** The inputs of the launch form. */
export function LaunchFieldset({
  fields,
  problems,
  advanced,
  onChange,
  onToggleAdvanced,
}: LaunchFieldsProps) {
  const text = (field: keyof LaunchFields) => ({
    value: fields[field],
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
  });
  return (
    <div className="form">
      <Field
        field="image"
        label="Image"
        hint="A disk image file on this computer (qcow2 or raw)"
        problem={problems.image}
      >
        {(a11y) => (
          <input
            {...a11y}
            {...text('image')}
            placeholder="/home/me/images/noble.img"
            spellCheck={false}
          />
        )}
      </Field>
      <Field
        field="name"
        label="Name"
        hint="Letters, digits and hyphens; starts with a letter"
        problem={problems.name}
      >
        {(a11y) => <input {...a11y} {...text('name')} spellCheck={false} autoComplete="off" />}
      </Field>
      <div className="form__row">
        <Field field="cpus" label="CPUs" hint="At least 1" problem={problems.cpus}>
          {(a11y) => <input {...a11y} {...text('cpus')} type="number" min={1} step={1} />}
        </Field>
        <Field
          field="memory"
          label="Memory"
          hint="At least 512M; e.g. 1G, 2048M"
          problem={problems.memory}
        >
          {(a11y) => <input {...a11y} {...text('memory')} />}
        </Field>
        <Field
          field="disk"
          label="Disk"
          hint="At least 1G; the image is grown to it"
          problem={problems.disk}
        >
          {(a11y) => <input {...a11y} {...text('disk')} />}
        </Field>
      </div>
      <Field
        field="userData"
        label="cloud-init user-data (optional)"
        hint="YAML starting with #cloud-config, or a script"
        problem={problems.userData}
      >
        {(a11y) => (
          <textarea
            {...a11y}
            {...text('userData')}
            rows={4}
            spellCheck={false}
            placeholder="#cloud-config"
          />
        )}
      </Field>
      <button
        type="button"
        className="disclosure"
        data-testid="launch-advanced"
        aria-expanded={advanced}
        aria-controls="launch-advanced-fields"
        onClick={onToggleAdvanced}
      >
        Advanced: direct kernel boot
      </button>
      {advanced ? (
        <div className="form__advanced" id="launch-advanced-fields">
          <Field
            field="kernel"
            label="Kernel"
            hint="Boots this kernel instead of the disk's UEFI loader"
            problem={problems.kernel}
          >
            {(a11y) => (
              <input
                {...a11y}
                {...text('kernel')}
                placeholder="/path/to/vmlinuz"
                spellCheck={false}
              />
            )}
          </Field>
          <Field field="initrd" label="Initrd" problem={problems.initrd}>
            {(a11y) => (
              <input
                {...a11y}
                {...text('initrd')}
                placeholder="/path/to/initrd.img"
                spellCheck={false}
              />
            )}
          </Field>
          <Field field="cmdline" label="Kernel command line" problem={problems.cmdline}>
            {(a11y) => (
              <input
                {...a11y}
                {...text('cmdline')}
                placeholder="console=ttyS0 root=/dev/vda"
                spellCheck={false}
              />
            )}
          </Field>
        </div>
      ) : null}
    </div>
  );
}
