/** The window's entry point: pick the transport, build the stores, render the app. */
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { createBerth } from './stores/berth';
import { createTransport } from './transport';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/table.css';
import './styles/dialogs.css';
import './styles/pages.css';
import './styles/targets.css';
import './styles/devices.css';

const container = document.getElementById('root');
if (container) {
  const berth = createBerth(createTransport());
  // The tray's "Settings" and "Open Berth" items ask the shell's window for a page.
  window.berth?.onShowPage((page) => berth.ui.getState().show({ page }));
  createRoot(container).render(<App berth={berth} />);
}
