/** The list's column headers: select-all, and sort buttons that say which way they sort. */
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useBerth } from '../components/BerthProvider';
import { Icon } from '../components/Icon';
import type { SortKey } from '../stores/ui-store';

const COLUMNS: readonly { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Name' },
  { key: 'state', label: 'State' },
  { key: 'image', label: 'Image' },
  { key: 'cpus', label: 'CPUs', numeric: true },
  { key: 'memory', label: 'Memory', numeric: true },
  { key: 'disk', label: 'Disk', numeric: true },
  { key: 'ipv4', label: 'IPv4' },
  { key: 'age', label: 'Age' },
];

/** The header row; `shown` are the names the filter lets through. */
export function ListHeader({ shown }: { shown: readonly string[] }) {
  const { ui } = useBerth();
  const sort = useStore(ui, (s) => s.sort);
  const selected = useStore(ui, (s) => s.selected);
  const box = useRef<HTMLInputElement>(null);
  const chosen = shown.filter((name) => selected.has(name)).length;
  const all = shown.length > 0 && chosen === shown.length;

  useEffect(() => {
    // "Some selected" has no HTML attribute; it is a property only.
    if (box.current) box.current.indeterminate = chosen > 0 && !all;
  }, [chosen, all]);

  return (
    <thead className="grid__head">
      <tr className="row row--header" aria-rowindex={1}>
        <th scope="col" className="cell cell--select">
          <input
            ref={box}
            type="checkbox"
            data-testid="select-all"
            aria-label="Select every instance shown"
            checked={all}
            onChange={() => ui.getState().setSelected(new Set(all ? [] : shown))}
          />
        </th>
        {COLUMNS.map((column) => {
          const active = sort.key === column.key;
          const direction = sort.descending ? 'descending' : 'ascending';
          return (
            <th
              key={column.key}
              scope="col"
              className={`cell ${column.numeric ? 'cell--num' : ''}`}
              aria-sort={active ? direction : 'none'}
            >
              <button
                type="button"
                className={`sort ${active ? 'sort--active' : ''}`}
                data-testid={`sort-${column.key}`}
                onClick={() => ui.getState().sortBy(column.key)}
              >
                {column.label}
                <span
                  className={`sort__arrow ${active && sort.descending ? 'sort__arrow--down' : ''}`}
                >
                  <Icon name="chevron" size={12} />
                </span>
              </button>
            </th>
          );
        })}
        <th scope="col" className="cell cell--actions">
          <span className="sr-only">Actions</span>
        </th>
      </tr>
    </thead>
  );
}
