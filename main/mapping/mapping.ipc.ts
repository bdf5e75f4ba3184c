import { IC_FIELDS } from '../../shared/domain/invoicecloud-fields';
import type { DomainHandlers } from '../ipc/router';
import type { MappingService } from './mapping.service';
import type { MappingSampleSource, SampleRecord } from './records';
import { hasErrors } from './validate';

const DEFAULT_SAMPLE = 10;

/**
 * IPC for the mapping editor. The preview needs real InHANCE records: `sampleSource` is the seam
 * the composition root fills with the InHANCE client (tests pass an in-memory one).
 */
export function mappingHandlers(service: MappingService, sampleSource: MappingSampleSource): DomainHandlers<'mapping'> {
  return {
    get: ({ billerId }) => {
      const active = service.getActive(billerId);
      return {
        active,
        targets: IC_FIELDS.map((f) => ({ ...f })),
        sourceFields: service.sourceFields(billerId),
        issues: service.validate(billerId, active.rows),
        confirmation: service.confirmationStatus(billerId),
      };
    },
    validate: ({ billerId, rows }) => {
      const issues = service.validate(billerId, rows);
      return { issues, canSave: !hasErrors(issues) };
    },
    save: ({ billerId, rows, comment, baseVersion }) =>
      service.save(billerId, rows, comment, baseVersion === undefined ? {} : { baseVersion }),
    history: ({ billerId }) => service.history(billerId),
    diff: ({ billerId, from, to }) => ({ from, to, changes: service.diff(billerId, from, to) }),
    revert: ({ billerId, version, comment }) => service.revert(billerId, version, comment),
    export: ({ billerId, version }) => service.exportFile(billerId, version),
    import: ({ billerId, json, comment }) => service.import(billerId, json, comment),
    confirm: ({ billerId, version }) => service.confirm(billerId, version),
    suggest: ({ billerId, rows }) => ({ suggestions: service.suggest(billerId, rows) }),
    preview: async ({ billerId, rows, accountNumbers, sample }) => {
      service.getActive(billerId); // NOT_FOUND for an unknown biller before InHANCE is asked anything
      let records: SampleRecord[];
      let notFound: string[] = [];
      if (accountNumbers && accountNumbers.length > 0) {
        const wanted = [...new Set(accountNumbers)];
        const found = await sampleSource.byNumbers(billerId, wanted);
        const byNumber = new Map(found.map((r) => [String(r.account.accountNumber ?? '').trim(), r]));
        records = wanted.flatMap((n) => {
          const r = byNumber.get(n);
          return r ? [r] : [];
        });
        notFound = wanted.filter((n) => !byNumber.has(n));
      } else {
        records = await sampleSource.sample(billerId, sample ?? DEFAULT_SAMPLE);
      }
      return { ...service.preview(billerId, rows, records), notFound };
    },
  };
}
