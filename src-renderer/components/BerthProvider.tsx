/** Hands the window's stores and transport to components, so tests can inject fakes. */
import { createContext, type ReactNode, useContext } from 'react';
import type { Berth } from '../stores/berth';

const BerthContext = createContext<Berth | null>(null);

/** Makes `berth` available to every component below. */
export function BerthProvider({ berth, children }: { berth: Berth; children: ReactNode }) {
  return <BerthContext.Provider value={berth}>{children}</BerthContext.Provider>;
}

/** The window's stores and transport; throws outside a BerthProvider (a wiring mistake). */
export function useBerth(): Berth {
  const berth = useContext(BerthContext);
  if (!berth) throw new Error('useBerth needs a BerthProvider above it');
  return berth;
}
