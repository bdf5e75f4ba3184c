import type { GoLiveAction } from '../../shared/domain/checklist';
import type { BillerFields } from '../../shared/domain/biller';
import type { DomainHandlers } from '../ipc/router';
import type { BillerProfile, BillersService } from '../billers/billers.service';
import type { Db } from '../store/database';
import type { Clock } from '../ground/clock';
import type { ChecklistService } from './checklist.service';
import { exportProfile, importProfile } from './profile-file';
import type { SetupService } from './setup.service';

export function setupHandlers(deps: {
  db: Db;
  clock: Clock;
  billers: BillersService;
  setup: SetupService;
}): DomainHandlers<'setup'> {
  const { setup, billers } = deps;
  return {
    get: ({ billerId }) => setup.get(billerId),
    update: ({ billerId, fields }) => setup.update(billerId, fields),
    verifyPdfLink: ({ billerId }) => setup.verifyPdfLink(billerId),
    importSampleImage: ({ billerId, fileName, dataBase64 }) =>
      setup.importSampleImage(billerId, fileName, Buffer.from(dataBase64, 'base64')),
    sampleImage: ({ billerId }) => {
      const found = setup.sampleImageData(billerId);
      return found ? { image: found.image, dataBase64: found.data.toString('base64') } : null;
    },
    copyFrom: ({ billerId, sourceBillerId }) => setup.copyFrom(billerId, sourceBillerId),
    exportProfile: ({ billerId }) => exportProfile(billers, setup, deps.clock, billerId),
    importProfile: async ({ json, name }) => {
      const { biller, notes } = importProfile(deps, json, name);
      return { biller: await billers.get(biller), notes };
    },
  };
}

/** The profile fields a go-live step changes. */
export function goLiveFields(profile: BillerProfile, action: GoLiveAction): BillerFields {
  const { id: _id, sandbox: _s, createdAt: _c, updatedAt: _u, ...fields } = profile;
  return action === 'posting-live' ? { ...fields, postingMode: 'live' } : { ...fields, isJobHost: true };
}

/** The go-live steps a profile change takes: what the gate must allow. */
export function goLiveSteps(before: BillerProfile, after: BillerFields): GoLiveAction[] {
  const steps: GoLiveAction[] = [];
  if (before.postingMode !== 'live' && after.postingMode === 'live') steps.push('posting-live');
  if (!before.isJobHost && after.isJobHost) steps.push('schedules-on');
  return steps;
}

export function checklistHandlers(checklist: ChecklistService, billers: BillersService): DomainHandlers<'checklist'> {
  return {
    get: ({ billerId }) => checklist.get(billerId),
    summary: () => checklist.summary(),
    set: (change) => checklist.set(change),
    exportCsv: ({ billerId }) => checklist.exportCsv(billerId),
    goLive: ({ billerId, action, overrideReason }) => {
      const profile = billers.profile(billerId);
      return billers.update(billerId, goLiveFields(profile, action), overrideReason ? { overrideReason } : {});
    },
  };
}
