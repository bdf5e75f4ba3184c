import type React from 'react';
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Text,
  Toast,
  ToastBody,
  Toaster,
  ToastTitle,
  tokens,
  useId,
  useToastController,
} from '@fluentui/react-components';
import {
  BuildingBank24Regular,
  CalendarClock24Regular,
  ClipboardTaskListLtr24Regular,
  DataUsage24Regular,
  DocumentTable24Regular,
  PersonSearch24Regular,
  MoneyHand24Regular,
  TableSettings24Regular,
} from '@fluentui/react-icons';
import { useEffect } from 'react';
import { BillersScreen } from '../billers/BillersScreen';
import { CallsScreen } from '../calls/CallsScreen';
import { BatchScreen } from '../ic-tools/BatchScreen';
import { LookupsScreen } from '../ic-tools/LookupsScreen';
import { JobsScreen } from '../jobs/JobsScreen';
import { MappingScreen } from '../mapping/MappingScreen';
import { PaymentsScreen } from '../payments/PaymentsScreen';
import { ConversionScreen } from '../conversion/ConversionScreen';
import { FirstRunScreen } from '../mode/FirstRunScreen';
import { ModeSwitch } from '../mode/ModeSwitch';
import { useMode } from '../mode/mode.store';
import { useApp, type Screen } from './app.store';
import { PreferencesDialog } from './PreferencesDialog';
import { UpdateBar } from './UpdateBar';
import { useEvent } from './use-event';

const useStyles = makeStyles({
  shell: { display: 'grid', gridTemplateColumns: '220px 1fr', height: '100vh', overflow: 'hidden' },
  nav: {
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalS}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  brand: { paddingLeft: tokens.spacingHorizontalM },
  main: { overflow: 'auto', display: 'flex', flexDirection: 'column', minWidth: 0 },
  banner: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0` },
  version: { marginTop: 'auto', paddingLeft: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground3 },
});

const NAV: Array<{ screen: Screen; label: string; icon: React.ReactElement }> = [
  { screen: 'billers', label: 'Billers', icon: <BuildingBank24Regular /> },
  { screen: 'jobs', label: 'Jobs', icon: <DataUsage24Regular /> },
  { screen: 'payments', label: 'Payments', icon: <MoneyHand24Regular /> },
  { screen: 'mapping', label: 'Mapping', icon: <TableSettings24Regular /> },
  { screen: 'calls', label: 'Calls', icon: <CalendarClock24Regular /> },
  { screen: 'conversion', label: 'Conversion', icon: <ClipboardTaskListLtr24Regular /> },
  { screen: 'lookups', label: 'Lookups', icon: <PersonSearch24Regular /> },
  { screen: 'batch', label: 'Batch', icon: <DocumentTable24Regular /> },
];

/** What clerk mode shows (main refuses the rest): the queue and the job dashboard. */
const CLERK_SCREENS: readonly Screen[] = ['payments', 'jobs'];

function Notices() {
  const toasterId = useId('toaster');
  const { dispatchToast } = useToastController(toasterId);
  useEvent('app:notice', (notice) => {
    dispatchToast(
      <Toast>
        <ToastTitle>{notice.title}</ToastTitle>
        <ToastBody>{notice.message}</ToastBody>
      </Toast>,
      { intent: notice.level, timeout: notice.level === 'error' ? 15_000 : 5_000 },
    );
  });
  return <Toaster toasterId={toasterId} position="bottom-end" />;
}

export function App() {
  const mode = useMode();
  useEffect(() => {
    void mode.refresh();
  }, [mode.refresh]);
  if (!mode.state && !mode.error) return null;
  if (mode.state?.mode === null) return <FirstRunScreen />;
  return <Shell clerk={mode.state?.mode === 'clerk'} />;
}

function Shell({ clerk }: { clerk: boolean }) {
  const styles = useStyles();
  const { screen: chosen, go, info, refresh, loadError, selectBiller } = useApp();
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // A click on an OS notification (or the tray) opens its screen, for its biller.
  useEvent('desktop:navigate', (to) => {
    if (to.billerId) selectBiller(to.billerId);
    go(to.screen);
  });
  const nav = clerk ? NAV.filter((n) => CLERK_SCREENS.includes(n.screen)) : NAV;
  const screen = nav.some((n) => n.screen === chosen) ? chosen : 'payments';

  return (
    <div className={styles.shell}>
      <nav className={styles.nav} aria-label="Main">
        <Text as="h1" size={500} weight="semibold" className={styles.brand}>
          Impresa Bridge
        </Text>
        <TabList vertical size="large" selectedValue={screen} onTabSelect={(_, d) => go(d.value as Screen)}>
          {nav.map((n) => (
            <Tab key={n.screen} value={n.screen} icon={n.icon}>
              {n.label}
            </Tab>
          ))}
        </TabList>
        <PreferencesDialog />
        {info && (
          <Text size={200} className={styles.version}>
            Version {info.version} · {info.shell === 'electron' ? 'desktop' : 'browser host'}
          </Text>
        )}
        <ModeSwitch />
      </nav>
      <main className={styles.main} aria-label={NAV.find((n) => n.screen === screen)?.label}>
        {info && !info.keychain.available && (
          <MessageBar intent="error" className={styles.banner}>
            <MessageBarBody>
              <MessageBarTitle>Keychain unavailable</MessageBarTitle>
              {info.keychain.message}
            </MessageBarBody>
          </MessageBar>
        )}
        <UpdateBar />
        {loadError && (
          <MessageBar intent="error" className={styles.banner}>
            <MessageBarBody>
              <MessageBarTitle>Cannot reach Impresa Bridge</MessageBarTitle>
              {loadError}
            </MessageBarBody>
          </MessageBar>
        )}
        {screen === 'billers' && <BillersScreen />}
        {screen === 'jobs' && <JobsScreen />}
        {screen === 'payments' && <PaymentsScreen />}
        {screen === 'mapping' && <MappingScreen />}
        {screen === 'calls' && <CallsScreen />}
        {screen === 'conversion' && <ConversionScreen />}
        {screen === 'lookups' && <LookupsScreen />}
        {screen === 'batch' && <BatchScreen />}
      </main>
      <Notices />
    </div>
  );
}
