/** The launch form's inputs, each labelled, with its hint and its live problem. */
import type { ReactNode } from 'react';
import { FormField, type FormFieldProps } from '../components/FormField';
import type { FieldProblems, LaunchFields } from './launch-form';

/** What the inputs need from the dialog. */
export interface LaunchFieldsProps {
  fields: LaunchFields;
  problems: FieldProblems;
  advanced: boolean;
  onChange(field: keyof LaunchFields, value: string): void;
  onToggleAdvanced(): void;
  /** What the image field asks for on the active driver. */
  imageHint: string;
  /** The instance type field, shown after the name. */
  typeChoice: ReactNode;
  /** Mounts and networks, shown before the advanced options. */
  devices: ReactNode;
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

function Field(props: Omit<FormFieldProps, 'id'> & { field: keyof LaunchFields }) {
  const { field, ...rest } = props;
  return <FormField {...rest} id={TEST_IDS[field]} />;
}

/** The inputs of the launch form. */
export function LaunchFieldset(props: LaunchFieldsProps) {
  const { fields, problems, advanced, onChange, onToggleAdvanced } = props;
  const text = (field: keyof LaunchFields) => ({
    value: fields[field],
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
  });
  return (
    <div className="form">
      <Field field="image" label="Image" hint={props.imageHint} problem={problems.image}>
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
      {props.typeChoice}
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
      {props.devices}
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
