/**
 * The instance table, virtualised: only the rows in view (plus a few) are in the DOM, so
 * 1,000 instances scroll and filter as smoothly as ten. The header sticks inside the same
 * scroller, so its columns line up with the rows whatever the scrollbar takes.
 */
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useStore } from 'zustand';
import type { InstanceInfo } from '../../src-shared/api';
import type { DriverId } from '../../src-shared/drivers';
import { useBerth } from '../components/BerthProvider';
import { InstanceRow } from './InstanceRow';
import { ListHeader } from './ListHeader';

/** Row and header heights in pixels; the CSS uses the same values. */
export const ROW_HEIGHT_PX = 44;
const HEADER_HEIGHT_PX = 36;

/**
 * Before layout, and in test DOMs that have none, the scroller measures 0×0; assume a
 * window-sized viewport then, so the first paint already has rows.
 */
function observeWithFallback(
  instance: Virtualizer<HTMLDivElement, Element>,
  callback: (rect: { width: number; height: number }) => void,
) {
  return observeElementRect(instance, (rect) => {
    if (rect.height > 0) callback(rect);
    else callback({ width: window.innerWidth, height: window.innerHeight });
  });
}

/** What the table shows. */
export interface InstanceTableProps {
  rows: readonly InstanceInfo[];
  driver: DriverId;
  now: number;
  /** Shows each instance's cluster member under its name. */
  showLocation: boolean;
  /** Shown instead of rows when the filter lets none through. */
  empty: string | null;
}

/** The table `instance-<name>` rows live in. */
export function InstanceTable(props: InstanceTableProps) {
  const { rows, driver, now, empty } = props;
  const { ui } = useBerth();
  const selected = useStore(ui, (s) => s.selected);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT_PX,
    getItemKey: (index) => rows[index]?.name ?? index,
    observeElementRect: observeWithFallback,
    paddingStart: HEADER_HEIGHT_PX,
    overscan: 6,
  });
  const bodyHeight = virtualizer.getTotalSize() - HEADER_HEIGHT_PX;

  return (
    <div ref={scroller} className="table">
      <table className="grid" aria-label="Instances" aria-rowcount={rows.length + 1}>
        <ListHeader shown={rows.map((i) => i.name)} />
        <tbody className="grid__body" style={{ height: bodyHeight }}>
          {virtualizer.getVirtualItems().map((item) => {
            const instance = rows[item.index];
            if (!instance) return null;
            return (
              <InstanceRow
                key={instance.name}
                instance={instance}
                driver={driver}
                selected={selected.has(instance.name)}
                index={item.index}
                top={item.start - HEADER_HEIGHT_PX}
                now={now}
                showLocation={props.showLocation}
              />
            );
          })}
        </tbody>
      </table>
      {empty ? (
        <p className="table__none" data-testid="no-matches">
          {empty}
        </p>
      ) : null}
    </div>
  );
}
