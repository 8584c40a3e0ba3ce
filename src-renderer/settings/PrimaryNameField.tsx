/** The primary instance name: checked with the shared name rules, saved on Enter or leaving. */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { instanceNameProblem } from '../../src-shared/names';
import { useBerth } from '../components/BerthProvider';
import { saveSetting } from './save-setting';

const KEY = 'client.primary-name';

/** The text field `setting-client.primary-name`. */
export function PrimaryNameField() {
  const berth = useBerth();
  const stored = useStore(berth.settings, (s) => s.values[KEY] ?? 'primary');
  const [draft, setDraft] = useState(stored);
  useEffect(() => setDraft(stored), [stored]);
  const problem = draft === '' ? null : instanceNameProblem(draft, 'Primary instance name');

  const commit = () => {
    if (!problem && draft !== stored) void saveSetting(berth, KEY, draft);
  };

  return (
    <div className="setting">
      <label className="setting__label" htmlFor="setting-primary-name">
        Primary instance name
      </label>
      <p className="setting__hint" id="setting-primary-name-hint">
        The instance commands use when no name is given. Leave empty for none.
      </p>
      <input
        id="setting-primary-name"
        data-testid={`setting-${KEY}`}
        value={draft}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby="setting-primary-name-hint setting-primary-name-problem"
        onChange={(event) => setDraft(event.target.value.trim())}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      <span id="setting-primary-name-problem" className="field__problem" role="status">
        {problem ?? ''}
      </span>
    </div>
  );
}
