import {
  Button,
  Card,
  CounterBadge,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Dismiss20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useApp } from '../app/app.store';
import { useEvent } from '../app/use-event';
import { BillerPicker } from '../components/BillerPicker';
import { ScreenHeader } from '../components/ScreenHeader';
import { VisuallyHidden } from '../components/VisuallyHidden';
import { ConfirmCrm } from './ConfirmCrm';
import { FieldsPanel } from './FieldsPanel';
import { KIND_LABELS, when } from './format';
import { HistoryPanel } from './HistoryPanel';
import { ImportExport } from './ImportExport';
import { useMapping } from './mapping.store';
import { PreviewPanel } from './PreviewPanel';

const useStyles = makeStyles({
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXL}`,
  },
  status: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
  },
  crm: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalS },
  version: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  empty: {
    maxWidth: '70ch',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    alignItems: 'flex-start',
  },
  h3: { margin: 0 },
  tabLabel: { display: 'inline-flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
});

type Tab = 'fields' | 'preview' | 'history';

/** The CRM field mapping editor for the selected biller (for project managers). */
export function MappingScreen() {
  const styles = useStyles();
  const { billers, billersLoaded, selectedBillerId, go } = useApp();
  const m = useMapping();
  const [tab, setTab] = useState<Tab>('fields');
  const [notice, setNotice] = useState<string | null>(null);
  const biller = billers.find((b) => b.id === selectedBillerId) ?? null;

  useEffect(() => {
    void useMapping.getState().open(biller?.id ?? null);
    setNotice(null);
  }, [biller?.id]);

  // Another window, the CLI or a job host saved or confirmed: take it (unsaved edits are kept).
  useEvent('mapping:changed', (e) => {
    if (e.billerId === useMapping.getState().billerId) void useMapping.getState().reload();
  });

  const header = (
    <ScreenHeader
      title="Mapping"
      subtitle={
        biller
          ? `Which InHANCE Impresa field fills each InvoiceCloud field for ${biller.name}.`
          : 'The CRM field mapping of a biller.'
      }
    >
      <BillerPicker />
    </ScreenHeader>
  );

  if (!billersLoaded) {
    return (
      <>
        {header}
        <div className={styles.body}>
          <Spinner size="small" label="Loading billers" />
        </div>
      </>
    );
  }
  if (!biller) {
    return (
      <>
        {header}
        <div className={styles.body}>
          <div className={styles.empty}>
            <Text as="h3" size={500} weight="semibold" className={styles.h3}>
              No biller to map yet
            </Text>
            <Text>
              A field mapping belongs to a biller. Add the biller on the Billers screen; its mapping starts from the
              standard one (Account Number → customers-accountnumber, Customer Name → customers-customername, and the
              rest of the customer and invoice fields).
            </Text>
            <Button appearance="primary" onClick={() => go('billers')}>
              Go to Billers
            </Button>
          </div>
        </div>
      </>
    );
  }

  const editor = m.editor;
  const active = editor?.active;
  const errors = m.issues.filter((i) => i.severity === 'error').length;
  return (
    <>
      {header}
      <div className={styles.body}>
        {m.loadError && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>The mapping could not be loaded</MessageBarTitle>
              {m.loadError}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => void m.reload()}>Try again</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {!editor || !active ? (
          !m.loadError && <Spinner size="small" label="Loading the mapping" />
        ) : (
          <>
            <Card appearance="filled-alternative">
              <div className={styles.status}>
                <div className={styles.version} aria-label="Active version" role="group">
                  <Text as="h3" size={400} weight="semibold" className={styles.h3}>
                    {active.version === 0
                      ? 'Active: the standard mapping (version 0)'
                      : `Active: version ${active.version}`}
                  </Text>
                  <Text size={200} className={styles.muted}>
                    {active.version === 0
                      ? 'Built in and used until the first save.'
                      : `${KIND_LABELS[active.kind]}${active.revertedFrom !== null ? ` to version ${active.revertedFrom}` : ''} by ${active.authorName}, ${when(active.createdAt, biller.timeZone)}: “${active.comment}”`}
                  </Text>
                </div>
                <ImportExport onNotice={setNotice} />
              </div>
              <div className={styles.crm}>
                <ConfirmCrm
                  status={editor.confirmation}
                  dirty={m.dirty}
                  timeZone={biller.timeZone}
                  onConfirm={(version) => m.confirm(version)}
                />
              </div>
            </Card>
            {notice && (
              <MessageBar intent="success">
                <MessageBarBody>{notice}</MessageBarBody>
                <MessageBarActions
                  containerAction={
                    <Button
                      appearance="transparent"
                      icon={<Dismiss20Regular />}
                      aria-label="Dismiss"
                      onClick={() => setNotice(null)}
                    />
                  }
                />
              </MessageBar>
            )}
            <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as Tab)} aria-label="Mapping views">
              <Tab value="fields" id="mapping-tab-fields">
                <span className={styles.tabLabel}>
                  Fields
                  {errors > 0 && <CounterBadge count={errors} color="danger" size="small" aria-hidden />}
                  {errors > 0 && <VisuallyHidden>({errors === 1 ? '1 error' : `${errors} errors`})</VisuallyHidden>}
                  {m.dirty && <span aria-hidden>•</span>}
                  {m.dirty && <VisuallyHidden>(unsaved changes)</VisuallyHidden>}
                </span>
              </Tab>
              <Tab value="preview" id="mapping-tab-preview">
                Preview
              </Tab>
              <Tab value="history" id="mapping-tab-history">
                History ({m.history.length})
              </Tab>
            </TabList>
            <div role="tabpanel" aria-labelledby={`mapping-tab-${tab}`}>
              {tab === 'fields' && <FieldsPanel />}
              {tab === 'preview' && <PreviewPanel />}
              {tab === 'history' && <HistoryPanel timeZone={biller.timeZone} />}
            </div>
          </>
        )}
      </div>
    </>
  );
}
