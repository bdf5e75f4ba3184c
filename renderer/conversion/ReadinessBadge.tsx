import { Badge } from '@fluentui/react-components';
import { useEffect } from 'react';
import { CHECKLIST_ROLES, ROLE_LABELS } from '../../shared/domain/checklist';
import { useMode } from '../mode/mode.store';
import { useReadiness } from './conversion.store';

let requested = false;

/** "Ready to go live" or "4 of 13 required", for a biller in the list (PM mode only). */
export function ReadinessBadge({ billerId }: { billerId: string }) {
  const summary = useReadiness((s) => s.summaries.find((x) => x.billerId === billerId));
  const pm = useMode((s) => s.state?.mode !== 'clerk');
  useEffect(() => {
    if (!requested && pm) {
      requested = true;
      void useReadiness.getState().refresh();
    }
  }, [pm]);
  if (!summary || !pm) return null;
  const SHORT = { biller: 'Biller', pm: 'PM', provider: 'Provider' } as const;
  const short = CHECKLIST_ROLES.filter((r) => summary.byRole[r].requiredTotal > 0)
    .map((r) => `${SHORT[r]} ${summary.byRole[r].requiredDone}/${summary.byRole[r].requiredTotal}`)
    .join(', ');
  const byRole = CHECKLIST_ROLES.map(
    (r) => `${ROLE_LABELS[r]}: ${summary.byRole[r].requiredDone} of ${summary.byRole[r].requiredTotal}`,
  ).join('; ');
  return summary.ready ? (
    <Badge appearance="tint" color="success" title={byRole}>
      Ready to go live
    </Badge>
  ) : (
    <Badge appearance="tint" color="warning" title={`Required items done. ${byRole}`}>
      {`Checklist ${summary.overall.requiredDone} of ${summary.overall.requiredTotal}${short ? ` (${short})` : ''}`}
    </Badge>
  );
}
