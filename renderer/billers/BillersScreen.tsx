import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, Delete20Regular } from '@fluentui/react-icons';
import { Fragment, useState } from 'react';
import type { Biller } from '../../shared/domain/biller';
import { api } from '../app/api';
import { useApp } from '../app/app.store';
import { ScreenHeader } from '../components/ScreenHeader';
import { BillerForm } from './BillerForm';
import { ConnectionTests } from './ConnectionTests';
import { InvoiceFileSettings } from './InvoiceFileSettings';
import { ReadinessBadge } from '../conversion/ReadinessBadge';
import { RateLimitsSettings } from './RateLimitsSettings';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: '280px 1fr',
    gap: tokens.spacingHorizontalXL,
    padding: `0 ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXL}`,
  },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    width: '100%',
    textAlign: 'left',
    padding: tokens.spacingVerticalS + ' ' + tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid transparent`,
    background: 'none',
    cursor: 'pointer',
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  sectionHeader: { marginTop: tokens.spacingVerticalXXL, marginBottom: tokens.spacingVerticalS },
  detailHeader: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
  },
});

function BillerBadges({ biller }: { biller: Biller }) {
  const styles = useStyles();
  const states = Object.values(biller.secrets);
  const missing = states.includes(false);
  const unknown = !missing && states.includes(null);
  return (
    <span className={styles.badges}>
      {biller.sandbox && <Badge appearance="outline">Sandbox</Badge>}
      <Badge appearance="tint" color="informative">
        {biller.postingMode === 'live' ? 'Live posting' : 'Pending posting'}
      </Badge>
      {biller.isJobHost && (
        <Badge appearance="tint" color="brand">
          Job host
        </Badge>
      )}
      {missing && (
        <Badge appearance="tint" color="warning">
          Secrets missing
        </Badge>
      )}
      {unknown && (
        <Badge appearance="tint" color="warning">
          Secrets unknown
        </Badge>
      )}
      <ReadinessBadge billerId={biller.id} />
    </span>
  );
}

export function BillersScreen() {
  const styles = useStyles();
  const { billers, billersLoaded, selectedBillerId, selectBiller } = useApp();
  const [creating, setCreating] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const selected = creating ? undefined : billers.find((b) => b.id === selectedBillerId);

  const remove = async () => {
    if (!selected) return;
    try {
      await api.billers.remove({ id: selected.id });
      setConfirmDelete(false);
      selectBiller(null);
    } catch (e) {
      setDeleteError((e as Error).message);
    }
  };

  return (
    <>
      <ScreenHeader
        title="Billers"
        subtitle="Each utility converting to InvoiceCloud: its IDs, hosts, posting mode and secrets."
      >
        <Button appearance="primary" icon={<Add20Regular />} onClick={() => setCreating(true)}>
          New biller
        </Button>
      </ScreenHeader>
      <div className={styles.layout}>
        <section aria-label="Biller list">
          {!billersLoaded ? (
            <Spinner size="small" label="Loading billers" />
          ) : billers.length === 0 ? (
            <Text>No billers yet. Choose “New biller” to add the first one.</Text>
          ) : (
            <ul className={styles.list}>
              {billers.map((b) => (
                <li key={b.id}>
                  <button
                    type="button"
                    className={`${styles.item} ${!creating && b.id === selectedBillerId ? styles.selected : ''}`}
                    aria-current={!creating && b.id === selectedBillerId ? 'true' : undefined}
                    onClick={() => {
                      setCreating(false);
                      selectBiller(b.id);
                    }}
                  >
                    <Text weight="semibold">{b.name}</Text>
                    <BillerBadges biller={b} />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label={creating ? 'New biller' : selected ? `Biller ${selected.name}` : 'Biller details'}>
          {/* One keyed fragment per record: switching billers (or to "New biller") mounts fresh forms, never one biller's
              form state under another's name. Children of one fragment must not share a key. */}
          {creating ? (
            <Fragment key="new">
              <Text as="h3" size={500} weight="semibold" block className={styles.detailHeader}>
                New biller
              </Text>
              <BillerForm
                key="new"
                onSaved={(b) => {
                  setCreating(false);
                  selectBiller(b.id);
                }}
                onCancel={() => setCreating(false)}
              />
            </Fragment>
          ) : selected ? (
            <Fragment key={`biller-${selected.id}`}>
              <div className={styles.detailHeader}>
                <Text as="h3" size={500} weight="semibold">
                  {selected.name}
                </Text>
                <BillerBadges biller={selected} />
                <Button
                  icon={<Delete20Regular />}
                  appearance="subtle"
                  onClick={() => {
                    setDeleteError(null);
                    setConfirmDelete(true);
                  }}
                  style={{ marginLeft: 'auto' }}
                >
                  Delete biller
                </Button>
              </div>
              <BillerForm
                biller={selected}
                onSaved={() => undefined}
                extra={<ConnectionTests billerId={selected.id} />}
              />
              {/* Its own form (forms cannot nest), saved apart from the profile. */}
              <Text as="h4" size={400} weight="semibold" block className={styles.sectionHeader}>
                Invoice File settings
              </Text>
              <InvoiceFileSettings billerId={selected.id} />
              <Text as="h4" size={400} weight="semibold" block className={styles.sectionHeader}>
                InvoiceCloud rate limits
              </Text>
              <RateLimitsSettings billerId={selected.id} />
            </Fragment>
          ) : (
            billersLoaded && billers.length > 0 && <Text>Choose a biller from the list.</Text>
          )}
        </section>
      </div>
      <Dialog open={confirmDelete} onOpenChange={(_, d) => setConfirmDelete(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Delete {selected?.name}?</DialogTitle>
            <DialogContent>
              This deletes the profile, its secrets in the OS keychain, and what this computer keeps for it: job history
              and reports, schedules, CRM field mappings and the copy of its InHANCE queue. The audit trail stays. A
              biller with payments in its ledger cannot be deleted: pause its jobs instead. This cannot be undone.
              {deleteError && (
                <MessageBar intent="error">
                  <MessageBarBody>{deleteError}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setConfirmDelete(false)}>
                Keep it
              </Button>
              <Button appearance="primary" onClick={() => void remove()}>
                Delete
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
