import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { BillerJobs } from '../../shared/domain/jobs';
import { formatDateTime } from './format';

/**
 * What is true of all the biller's jobs at once: this installation is not the job host, another
 * installation seems to run them too, or everything is paused.
 */
export function JobsBanners({ overview, billerName }: { overview: BillerJobs; billerName: string }) {
  const { pausedAll, timeZone } = overview;
  return (
    <>
      {!overview.isJobHost && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Schedules run elsewhere</MessageBarTitle>
            This installation is not the job host for {billerName}: its schedules run on the job host, so next runs are
            not shown here and only dry runs can be started from this screen. To make this the job host, turn on “This
            installation is the job host for this biller” in the biller settings.
          </MessageBarBody>
        </MessageBar>
      )}
      {overview.hostWarning && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Two job hosts?</MessageBarTitle>
            {overview.hostWarning}
            {overview.foreignStamps.length > 0 && (
              <>
                {' '}
                Seen:{' '}
                {overview.foreignStamps
                  .map((s) => `${s.where} (installation ${s.installationId}, ${formatDateTime(s.seenAt, timeZone)})`)
                  .join('; ')}
                .
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {pausedAll && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>All jobs paused</MessageBarTitle>
            By {pausedAll.by} on {formatDateTime(pausedAll.at, timeZone)}: {pausedAll.reason ?? 'no reason given'}.
            Nothing runs on schedule until someone chooses Resume all.
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
