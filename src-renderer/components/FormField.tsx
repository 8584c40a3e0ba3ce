/** A labelled form field with its hint and its live problem, wired for assistive technology. */
import type { ReactNode } from 'react';

/** The attributes the field's control needs: id, test id, invalid state and descriptions. */
export interface FieldA11y {
  id: string;
  'data-testid': string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** What a field shows; `id` is also the control's test id. */
export interface FormFieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  problem?: string | undefined;
  className?: string;
  children: (a11y: FieldA11y) => ReactNode;
}

/** One field: label, the control (from `children`), hint and problem. */
export function FormField({ id, label, hint, problem, className, children }: FormFieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : '']
    .filter(Boolean)
    .join(' ');
  const a11y: FieldA11y = {
    id,
    'data-testid': id,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
  return (
    <div className={`field ${className ?? ''}`.trim()}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(a11y)}
      {hint ? (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      ) : null}
      {problem ? (
        <span id={`${id}-problem`} className="field__problem">
          {problem}
        </span>
      ) : null}
    </div>
  );
}
