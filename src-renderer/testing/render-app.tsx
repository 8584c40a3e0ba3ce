/** Renders the whole window over a fake transport and waits until its first fetch is in. */
import { render, waitFor } from '@testing-library/react';
import { App } from '../components/App';
import { type Berth, createBerth } from '../stores/berth';
import { FakeTransport } from './fake-transport';

/** The rendered window, its stores and the fake behind them. */
export interface RenderedApp {
  berth: Berth;
  fake: FakeTransport;
  view: ReturnType<typeof render>;
}

/** Renders <App> over `fake` (a fresh one by default) once its instance list has loaded. */
export async function renderApp(fake = new FakeTransport()): Promise<RenderedApp> {
  const berth = createBerth(fake);
  const view = render(<App berth={berth} />);
  await waitFor(() => {
    if (!berth.instances.getState().loaded || !berth.drivers.getState().loaded) {
      throw new Error('still loading');
    }
  });
  return { berth, fake, view };
}
