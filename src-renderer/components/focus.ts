/** Focus helpers for dialogs and menus. */
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

const FOCUSABLE =
  'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/** The focusable elements inside `root`, in document order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !element.hasAttribute('disabled') && element.tabIndex >= 0,
  );
}

/** Keeps Tab and Shift+Tab inside `root` (a modal dialog). */
export function trapTab(event: KeyboardEvent | ReactKeyboardEvent, root: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const all = focusables(root);
  const first = all[0];
  const last = all[all.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !root.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/** Moves focus between `items` with the arrow, Home and End keys; true when it handled one. */
export function moveFocus(key: string, items: HTMLElement[]): boolean {
  if (items.length === 0) return false;
  const index = items.indexOf(document.activeElement as HTMLElement);
  const next: Record<string, number> = {
    ArrowDown: index < 0 ? 0 : (index + 1) % items.length,
    ArrowUp: index <= 0 ? items.length - 1 : index - 1,
    Home: 0,
    End: items.length - 1,
  };
  const target = next[key];
  if (target === undefined) return false;
  items[target]?.focus();
  return true;
}
