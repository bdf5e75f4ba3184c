import { Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { readAgo } from './format';

/**
 * "Read from InHANCE 12 s ago", ticking each second. Its own small component, so the tick
 * re-renders one label, not the queue. Not a live region: a screen reader would hear it every second.
 */
export function ReadAgo(props: { syncedAt: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const exact = props.syncedAt ? new Date(props.syncedAt).toLocaleString() : undefined;
  return (
    <Text
      size={200}
      data-testid="read-ago"
      title={exact ? `Last read from InHANCE at ${exact}` : undefined}
      style={{ whiteSpace: 'nowrap', alignSelf: 'center' }}
    >
      {readAgo(props.syncedAt, now)}
    </Text>
  );
}
