/** Small line icons drawn inline (no asset files: the page's CSP serves only its own bundle). */

const PATHS = {
  start: 'M7 5l11 7-11 7z',
  stop: 'M7 7h10v10H7z',
  suspend: 'M8 6h3v12H8zM13 6h3v12h-3z',
  restart: 'M19 12a7 7 0 1 1-2.05-4.95M19 5v4h-4',
  snapshot: 'M4 8h3l2-2h6l2 2h3v11H4zM12 10.5a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  delete: 'M5 7h14M10 7V5h4v2M7 7l1 12h8l1-12',
  recover: 'M5 12a7 7 0 1 0 2.05-4.95M5 5v4h4',
  purge: 'M5 7h14M7 7l1 12h8l1-12M10 11l4 4M14 11l-4 4',
  more: 'M6 12h.01M12 12h.01M18 12h.01',
  chevron: 'M7 10l5 5 5-5',
  close: 'M6 6l12 12M18 6L6 18',
  plus: 'M12 5v14M5 12h14',
  check: 'M5 12l4 4 10-10',
  back: 'M14 6l-6 6 6 6',
  search: 'M11 5a6 6 0 1 0 0 12 6 6 0 0 0 0-12zM20 20l-4.5-4.5',
  server: 'M4 5h16v6H4zM4 13h16v6H4zM8 8h.01M8 16h.01',
  alert: 'M12 4l9 16H3zM12 10v4M12 17h.01',
  settings:
    'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM12 3v3M12 18v3M3 12h3M18 12h3M5.6 5.6l2.1 2.1' +
    'M16.3 16.3l2.1 2.1M5.6 18.4l2.1-2.1M16.3 7.7l2.1-2.1',
  info: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16zM12 11v5M12 8h.01',
} as const;

/** Names of the icons there are. */
export type IconName = keyof typeof PATHS;

/** A 16px icon in the current text colour; decorative, so hidden from assistive technology. */
export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

/** A spinning ring for work in progress. */
export function Spinner({ label }: { label?: string }) {
  if (label) return <span className="spinner" role="img" aria-label={label} />;
  return <span className="spinner" aria-hidden="true" />;
}
