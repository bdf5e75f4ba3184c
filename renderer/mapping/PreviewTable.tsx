import { Badge, makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { DismissCircle16Filled } from '@fluentui/react-icons';
import { Fragment } from 'react';
import type { IcField } from '../../shared/domain/invoicecloud-fields';
import type { PreviewRow } from '../../shared/domain/mapping';

const useStyles = makeStyles({
  scroller: {
    overflowX: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  table: { borderCollapse: 'collapse', minWidth: '100%', fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    whiteSpace: 'nowrap',
    verticalAlign: 'bottom',
  },
  key: {
    display: 'block',
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
    fontFamily: tokens.fontFamilyMonospace,
  },
  td: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: 'nowrap',
  },
  sticky: { position: 'sticky', left: 0, backgroundColor: tokens.colorNeutralBackground1, zIndex: 1 },
  stickyHead: { position: 'sticky', left: 0, zIndex: 2 },
  value: { fontFamily: tokens.fontFamilyMonospace },
  empty: { color: tokens.colorNeutralForeground3 },
  rejectedRow: { backgroundColor: tokens.colorPaletteRedBackground1 },
  rejectedSticky: { backgroundColor: tokens.colorPaletteRedBackground1 },
  reason: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
  },
  reasonText: {
    display: 'inline-flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'flex-start',
    position: 'sticky',
    left: tokens.spacingHorizontalM,
  },
});

/**
 * The mapped output, one account per row and one mapped target per column, as the jobs would
 * write it. A rejected row is tinted, badged and followed by its reason: never only a colour.
 */
export function PreviewTable(props: { rows: readonly PreviewRow[]; columns: readonly IcField[] }) {
  const styles = useStyles();
  const span = props.columns.length + 3;
  return (
    <div className={styles.scroller} role="region" aria-label="Mapped output by account" tabIndex={0}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col" className={mergeClasses(styles.th, styles.stickyHead)}>
              Account
            </th>
            <th scope="col" className={styles.th}>
              Invoice
            </th>
            <th scope="col" className={styles.th}>
              Result
            </th>
            {props.columns.map((c) => (
              <th key={c.key} scope="col" className={styles.th}>
                {c.label}
                <span className={styles.key}>{c.key}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => {
            const rejected = r.rejected !== null;
            return (
              <Fragment key={`${r.accountNumber}-${i}`}>
                <tr className={rejected ? styles.rejectedRow : undefined} data-account={r.accountNumber}>
                  <th scope="row" className={mergeClasses(styles.td, styles.sticky, rejected && styles.rejectedSticky)}>
                    {r.accountNumber || '(no number)'}
                  </th>
                  <td className={styles.td}>{r.invoiceNumber ?? <span className={styles.empty}>no bill</span>}</td>
                  <td className={styles.td}>
                    {rejected ? (
                      <Badge appearance="filled" color="danger">
                        Rejected
                      </Badge>
                    ) : (
                      <Badge appearance="tint" color="success">
                        OK
                      </Badge>
                    )}
                  </td>
                  {props.columns.map((c) => {
                    const v = r.values[c.key];
                    return (
                      <td key={c.key} className={mergeClasses(styles.td, styles.value)}>
                        {v === undefined || v === '' ? <span className={styles.empty}>(empty)</span> : v}
                      </td>
                    );
                  })}
                </tr>
                {rejected && (
                  <tr className={styles.rejectedRow}>
                    <td colSpan={span} className={styles.reason}>
                      <Text size={200} className={styles.reasonText}>
                        <DismissCircle16Filled aria-hidden />
                        <span>Rejected: {r.rejected}</span>
                      </Text>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
