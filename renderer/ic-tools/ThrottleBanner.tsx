import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { api } from '../app/api';
import { useEvent } from '../app/use-event';

/**
 * Says when the biller's InvoiceCloud calls are held by its rate limiter (a cool-down after the
 * request threshold, or a pause IC asked for with HTTP 429): runs in progress are waiting, not stuck.
 */
export function ThrottleBanner(props: { billerId: string | null }) {
  const [held, setHeld] = useState<{ reason: 'cooldown' | 'retry-after'; until: number } | null>(null);
  useEvent('ic:throttled', (e) => {
    if (e.billerId !== props.billerId || (e.reason !== 'cooldown' && e.reason !== 'retry-after') || !e.until) return;
    setHeld({ reason: e.reason, until: Date.parse(e.until) });
  });
  useEffect(() => {
    setHeld(null);
    if (!props.billerId) return;
    // A pause that began before this screen opened.
    void api.ic.limits({ billerId: props.billerId }).then((v) => {
      const s = v.status;
      if (s?.until && (s.throttled === 'cooldown' || s.throttled === 'retry-after'))
        setHeld({ reason: s.throttled, until: Date.parse(s.until) });
    });
  }, [props.billerId]);
  useEffect(() => {
    if (!held) return;
    const t = setTimeout(() => setHeld(null), Math.max(0, held.until - Date.now()) + 500);
    return () => clearTimeout(t);
  }, [held]);
  if (!held) return null;
  const until = new Date(held.until).toLocaleTimeString();
  return (
    <MessageBar intent="warning" role="status">
      <MessageBarBody>
        <MessageBarTitle>InvoiceCloud calls are throttled</MessageBarTitle>
        {held.reason === 'cooldown'
          ? `The request threshold was reached: calls pause for the cool-down until ${until}. Running jobs wait.`
          : `InvoiceCloud answered HTTP 429: calls wait until ${until}. Running jobs wait.`}
      </MessageBarBody>
    </MessageBar>
  );
}
