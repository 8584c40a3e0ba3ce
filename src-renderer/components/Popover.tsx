/**
 * A menu that opens under its anchor, outside any scrolling container (so rows near the
 * bottom of the list do not clip it). Closes on Escape, a click outside, scroll or resize.
 */
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import { moveFocus } from './focus';

/** Where the popover sits and what it holds. */
export interface PopoverProps {
  anchor: RefObject<HTMLElement | null>;
  onClose(): void;
  /** Which edge of the anchor the popover lines up with. */
  align?: 'start' | 'end';
  label: string;
  testId?: string;
  className?: string;
  children: ReactNode;
}

interface Place {
  top: number;
  left: number;
}

const GAP_PX = 4;
const ITEM_SELECTOR = '[role="menuitem"], [role="menuitemradio"]';

function placeUnder(anchor: HTMLElement, popover: HTMLElement, align: 'start' | 'end'): Place {
  const rect = anchor.getBoundingClientRect();
  const width = popover.offsetWidth;
  const height = popover.offsetHeight;
  const left = align === 'end' ? rect.right - width : rect.left;
  const below = rect.bottom + GAP_PX;
  // Open upwards when there is no room below.
  const top = below + height > window.innerHeight ? rect.top - GAP_PX - height : below;
  return { top: Math.max(GAP_PX, top), left: Math.max(GAP_PX, left) };
}

/** One popover menu. */
export function Popover(props: PopoverProps) {
  const { anchor, onClose, align = 'start' } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<Place | null>(null);

  useLayoutEffect(() => {
    if (anchor.current && ref.current) setPlace(placeUnder(anchor.current, ref.current, align));
  }, [anchor, align]);

  const placed = place !== null;
  useEffect(() => {
    // Focus only once placed: a hidden element cannot take focus, and Escape needs it inside.
    if (!placed) return;
    const items = ref.current ? [...ref.current.querySelectorAll<HTMLElement>(ITEM_SELECTOR)] : [];
    (items.find((item) => item.getAttribute('aria-checked') === 'true') ?? items[0])?.focus();
  }, [placed]);

  useEffect(() => {
    const outside = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!ref.current?.contains(target) && !anchor.current?.contains(target)) onClose();
    };
    const away = (event: Event) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', outside);
    window.addEventListener('resize', onClose);
    window.addEventListener('scroll', away, true);
    return () => {
      document.removeEventListener('mousedown', outside);
      window.removeEventListener('resize', onClose);
      window.removeEventListener('scroll', away, true);
    };
  }, [anchor, onClose]);

  const onKeyDown = (event: ReactKeyboardEvent) => {
    if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      onClose();
      anchor.current?.focus();
      return;
    }
    const items = ref.current ? [...ref.current.querySelectorAll<HTMLElement>(ITEM_SELECTOR)] : [];
    if (moveFocus(event.key, items)) event.preventDefault();
  };

  return createPortal(
    <div
      ref={ref}
      role="menu"
      aria-label={props.label}
      data-testid={props.testId}
      className={`popover ${props.className ?? ''}`.trim()}
      style={place ? { top: place.top, left: place.left } : { visibility: 'hidden' }}
      onKeyDown={onKeyDown}
    >
      {props.children}
    </div>,
    document.body,
  );
}
