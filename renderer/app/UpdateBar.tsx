import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { UpdateStatusDto } from '../../shared/contract/desktop';
import { api } from './api';
import { useEvent } from './use-event';

const useStyles = makeStyles({ bar: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0` } });

/** The update's download progress, and "installs when you quit" once it is ready. Nothing otherwise. */
export function UpdateBar() {
  const styles = useStyles();
  const [status, setStatus] = useState<UpdateStatusDto | null>(null);
  useEffect(() => {
    void api.desktop.updateStatus().then(setStatus, () => undefined);
  }, []);
  useEvent('desktop:update', setStatus);
  if (!status || (status.phase !== 'downloading' && status.phase !== 'downloaded')) return null;
  return (
    <MessageBar intent={status.phase === 'downloaded' ? 'success' : 'info'} className={styles.bar}>
      <MessageBarBody>
        <MessageBarTitle>
          {status.phase === 'downloaded'
            ? `Version ${status.version} is ready`
            : `Downloading version ${status.version}`}
        </MessageBarTitle>
        {status.phase === 'downloaded'
          ? 'It is installed when Impresa Bridge quits; nothing you are doing is interrupted.'
          : `${status.percent ?? 0}%`}
        {status.phase === 'downloading' && (
          <ProgressBar value={(status.percent ?? 0) / 100} aria-label="Update download" />
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
