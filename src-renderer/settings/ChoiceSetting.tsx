/** A setting with a few fixed values, as a labelled select that saves on change. */
import { useId } from 'react';
import { useStore } from 'zustand';
import { useBerth } from '../components/BerthProvider';
import { saveSetting } from './save-setting';

/** One selectable value. */
export interface Choice {
  value: string;
  label: string;
}

/** The select `setting-<key>`. */
export function ChoiceSetting(props: {
  settingKey: string;
  label: string;
  hint: string;
  choices: readonly Choice[];
  fallback: string;
}) {
  const berth = useBerth();
  const id = useId();
  const value = useStore(berth.settings, (s) => s.values[props.settingKey] ?? props.fallback);
  return (
    <div className="setting">
      <label className="setting__label" htmlFor={id}>
        {props.label}
      </label>
      <p className="setting__hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <select
        id={id}
        data-testid={`setting-${props.settingKey}`}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(event) => void saveSetting(berth, props.settingKey, event.target.value)}
      >
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** An on/off setting stored as "true" / "false", as a labelled checkbox. */
export function SwitchSetting(props: { settingKey: string; label: string; hint: string }) {
  const berth = useBerth();
  const id = useId();
  const on = useStore(berth.settings, (s) => s.values[props.settingKey] === 'true');
  return (
    <div className="setting setting--switch">
      <input
        id={id}
        type="checkbox"
        data-testid={`setting-${props.settingKey}`}
        checked={on}
        aria-describedby={`${id}-hint`}
        onChange={(event) =>
          void saveSetting(berth, props.settingKey, String(event.target.checked))
        }
      />
      <label className="setting__label" htmlFor={id}>
        {props.label}
      </label>
      <p className="setting__hint" id={`${id}-hint`}>
        {props.hint}
      </p>
    </div>
  );
}
