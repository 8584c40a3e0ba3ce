/** A modal dialog: labelled, traps Tab, closes on Escape, and gives focus back when it goes. */
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
} from 'react';
import { createPortal } from 'react-dom';
import { focusables, trapTab } from './focus';
import { Icon } from './Icon';

/** What a modal shows and how it closes. */
export interface ModalProps {
  title: string;
  /** Called on Escape, the close button and a click outside; omit to make it stay. */
  onClose?: () => void;
  testId?: string;
  size?: 'small' | 'medium' | 'large';
  footer?: ReactNode;
  children: ReactNode;
}

/** One modal dialog over the window. */
export function Modal({ title, onClose, testId, size = 'medium', footer, children }: ModalProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    if (root) {
      const preferred = root.querySelector<HTMLElement>('[data-autofocus]');
      const body = root.querySelector<HTMLElement>('.dialog__body');
      (preferred ?? (body && focusables(body)[0]) ?? focusables(root)[0])?.focus();
    }
    return () => previous?.focus();
  }, []);

  const onKeyDown = (event: ReactKeyboardEvent) => {
    if (event.key === 'Escape' && onClose) {
      event.stopPropagation();
      onClose();
    }
    if (ref.current) trapTab(event, ref.current);
  };

  return createPortal(
    // biome-ignore lint/a11y/noStaticElementInteractions: mouse shortcut; Escape serves keyboards.
    <div
      className="backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose?.();
      }}
    >
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`dialog dialog--${size}`}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <header className="dialog__header">
          <h2 id={titleId}>{title}</h2>
          {onClose ? (
            <button
              type="button"
              className="btn btn--ghost btn--icon"
              aria-label="Close"
              onClick={onClose}
            >
              <Icon name="close" />
            </button>
          ) : null}
        </header>
        <div className="dialog__body">{children}</div>
        {footer ? <footer className="dialog__footer">{footer}</footer> : null}
      </div>
    </div>,
    document.body,
  );
}
