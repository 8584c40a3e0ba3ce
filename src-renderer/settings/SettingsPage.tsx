/**
 * The settings page: driver, remote servers, primary name, quitting, login, tray icon, log
 * level, theme.
 */
import { ChoiceSetting, SwitchSetting } from './ChoiceSetting';
import { DriverSetting } from './DriverSetting';
import { PrimaryNameField } from './PrimaryNameField';
import { RemotesSection } from './RemotesSection';

const QUIT_CHOICES = [
  { value: 'ask', label: 'Ask each time' },
  { value: 'stop', label: 'Stop them' },
  { value: 'leave', label: 'Leave them running' },
];
const LOG_CHOICES = [
  { value: 'debug', label: 'Debug' },
  { value: 'info', label: 'Info' },
  { value: 'warn', label: 'Warnings' },
  { value: 'error', label: 'Errors only' },
];
const TRAY_CHOICES = [
  { value: 'show', label: 'Show' },
  { value: 'hide', label: 'Hide' },
];
const THEME_CHOICES = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** The settings page. */
export function SettingsPage() {
  return (
    <section className="page settings" aria-labelledby="settings-title">
      <div className="page__head">
        <h1 id="settings-title">Settings</h1>
      </div>
      <div className="settings__groups">
        <section className="panel" aria-label="Driver">
          <DriverSetting />
        </section>
        <section className="panel" aria-labelledby="remotes-title">
          <RemotesSection />
        </section>
        <section className="panel" aria-label="Instances and quitting">
          <PrimaryNameField />
          <ChoiceSetting
            settingKey="client.quit-action"
            label="When Berth quits"
            hint="What happens to instances that are still running."
            choices={QUIT_CHOICES}
            fallback="ask"
          />
          <SwitchSetting
            settingKey="client.start-at-login"
            label="Start Berth at login"
            hint="Takes effect with the desktop app (the Electron shell)."
          />
          <ChoiceSetting
            settingKey="client.tray-icon"
            label="Tray icon"
            hint="The desktop app's icon with quick actions; hidden, Berth quits with its window."
            choices={TRAY_CHOICES}
            fallback="show"
          />
        </section>
        <section className="panel" aria-label="Appearance and logs">
          <ChoiceSetting
            settingKey="client.theme"
            label="Theme"
            hint="Applied at once."
            choices={THEME_CHOICES}
            fallback="system"
          />
          <ChoiceSetting
            settingKey="client.log-level"
            label="Log level"
            hint="How much Berth writes to its log files."
            choices={LOG_CHOICES}
            fallback="info"
          />
        </section>
      </div>
    </section>
  );
}
