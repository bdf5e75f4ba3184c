import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BillerJobs } from '../../shared/domain/jobs';
import { JobsBanners } from './JobsBanners';

afterEach(cleanup);

function overview(over: Partial<BillerJobs>): BillerJobs {
  return {
    billerId: 'b1',
    timeZone: 'America/New_York',
    isJobHost: true,
    installationId: 'me',
    pausedAll: null,
    hostWarning: null,
    foreignStamps: [],
    jobs: [],
    ...over,
  };
}

function textOf(o: BillerJobs): string {
  const { container } = render(
    <FluentProvider theme={webLightTheme}>
      <JobsBanners overview={o} billerName="Springfield Water" />
    </FluentProvider>,
  );
  return container.textContent!.replace(/\s+/g, ' ');
}

describe('JobsBanners', () => {
  it('says nothing when this is the job host and all is well', () => {
    expect(textOf(overview({}))).toBe('');
  });

  it('warns about a second job host, with where its stamps were seen', () => {
    const text = textOf(
      overview({
        hostWarning:
          'Another installation (7f3e…) ran Springfield Water’s jobs in the last 7 days. Keep one job host per biller.',
        foreignStamps: [
          { installationId: '7f3e', seenAt: '2025-03-01T14:30:00.000Z', where: 'InHANCE batch 20250301-IC' },
        ],
      }),
    );
    expect(text).toContain('Two job hosts?');
    expect(text).toContain('Another installation (7f3e…) ran Springfield Water’s jobs in the last 7 days.');
    expect(text).toContain('Seen: InHANCE batch 20250301-IC (installation 7f3e, Mar 1, 9:30 AM).');
  });

  it('says schedules run elsewhere on a queue-only installation, and who paused everything and why', () => {
    const text = textOf(
      overview({
        isJobHost: false,
        pausedAll: { scope: 'all', reason: 'Conversion weekend', by: 'Pat', at: '2025-03-01T14:30:00.000Z' },
      }),
    );
    expect(text).toContain('Schedules run elsewhere');
    expect(text).toContain('only dry runs can be started from this screen');
    expect(text).toContain(
      'All jobs pausedBy Pat on Mar 1, 9:30 AM: Conversion weekend. Nothing runs on schedule until someone chooses Resume all.',
    );
  });
});
