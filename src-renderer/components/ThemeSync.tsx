/** Applies client.theme to the page as it changes (the CSS follows [data-theme]). */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useBerth } from './BerthProvider';

const THEMES = ['system', 'light', 'dark'];

/** Renders nothing; keeps <html data-theme> in step with the setting. */
export function ThemeSync() {
  const { settings } = useBerth();
  const theme = useStore(settings, (s) => s.values['client.theme'] ?? 'system');
  useEffect(() => {
    document.documentElement.dataset.theme = THEMES.includes(theme) ? theme : 'system';
  }, [theme]);
  return null;
}
