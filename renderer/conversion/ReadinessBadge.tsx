import { Badge } from '@fluentui/react-components';
import { useEffect } from 'react';
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
  return summary.ready ? (
    <Badge appearance="tint" color="success">
      Ready to go live
    </Badge>
  ) : (
    <Badge appearance="tint" color="warning">
      {`Checklist ${summary.overall.requiredDone} of ${summary.overall.requiredTotal}`}
    </Badge>
  );
}
