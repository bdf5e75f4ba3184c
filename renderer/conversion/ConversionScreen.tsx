import { Button, makeStyles, MessageBar, MessageBarBody, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowUpload20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api } from '../app/api';
import { useApp } from '../app/app.store';
import { BillerPicker } from '../components/BillerPicker';
import { saveFile } from '../components/save-file';
import { ScreenHeader } from '../components/ScreenHeader';
import { ChecklistPanel } from './ChecklistPanel';
import { SetupPanel } from './SetupPanel';

const useStyles = makeStyles({
  body: {
    padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  hidden: { display: 'none' },
});

type Tabs = 'checklist' | 'setup';

/** A biller's conversion: its checklist by role with the go-live gate, and its setup items. */
export function ConversionScreen() {
  const styles = useStyles();
  const { billers, selectedBillerId, selectBiller } = useApp();
  const biller = billers.find((b) => b.id === selectedBillerId);
  const [tab, setTab] = useState<Tabs>('checklist');
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const exportProfile = async () => {
    if (!biller) return;
    const { fileName, json } = await api.setup.exportProfile({ billerId: biller.id });
    saveFile(fileName, json, 'application/json');
  };
  const importProfile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const { biller: created, notes } = await api.setup.importProfile({ json: await file.text() });
      selectBiller(created.id);
      setNotice({ intent: 'success', text: [`Imported ${created.name}.`, ...notes].join(' ') });
    } catch (e) {
      setNotice({ intent: 'error', text: (e as Error).message });
    }
  };

  return (
    <>
      <ScreenHeader
        title="Conversion"
        subtitle="What the conversion still owes, who owns it, and whether the biller may go live."
      >
        <BillerPicker />
        <Button icon={<ArrowDownload20Regular />} disabled={!biller} onClick={() => void exportProfile()}>
          Export profile
        </Button>
        <Button icon={<ArrowUpload20Regular />} onClick={() => document.getElementById('import-profile-file')?.click()}>
          Import profile
        </Button>
        <input
          id="import-profile-file"
          className={styles.hidden}
          type="file"
          accept="application/json,.json"
          aria-label="Profile file to import"
          onChange={(e) => {
            void importProfile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </ScreenHeader>
      <div className={styles.body}>
        {notice && (
          <MessageBar intent={notice.intent}>
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        )}
        {!biller ? (
          <Text>Choose or add a biller on the Billers screen first.</Text>
        ) : (
          <>
            <TabList
              selectedValue={tab}
              onTabSelect={(_, d) => setTab(d.value as Tabs)}
              aria-label={`Conversion of ${biller.name}`}
            >
              <Tab value="checklist">Checklist</Tab>
              <Tab value="setup">Setup</Tab>
            </TabList>
            <Text as="h3" size={500} weight="semibold">
              {biller.name}
            </Text>
            {tab === 'checklist' ? (
              <ChecklistPanel key={biller.id} biller={biller} />
            ) : (
              <SetupPanel key={biller.id} biller={biller} />
            )}
          </>
        )}
      </div>
    </>
  );
}
