import { create } from 'zustand';
import type { ReadinessSummary } from '../../shared/domain/checklist';
import { api } from '../app/api';
import { debounce, useEvents } from '../app/use-event';
import { useMode } from '../mode/mode.store';

interface ReadinessStore {
  summaries: ReadinessSummary[];
  refresh(): Promise<void>;
}

/** Readiness of every biller (for the biller list); re-fetched when anything it reads changes. */
export const useReadiness = create<ReadinessStore>((set) => ({
  summaries: [],
  async refresh() {
    // Clerk mode cannot read checklists (main refuses them): do not ask.
    if (useMode.getState().state?.mode === 'clerk') return set({ summaries: [] });
    try {
      set({ summaries: await api.checklist.summary() });
    } catch {
      // Clerk mode (refused) or a transient failure: the list simply shows no readiness.
      set({ summaries: [] });
    }
  },
}));

/** Events after which a checklist may read differently. */
export const CHECKLIST_EVENTS = [
  'billers:changed',
  'secrets:changed',
  'setup:changed',
  'checklist:changed',
  'mapping:changed',
  'jobs:changed',
] as const;

// The list's readiness counts required items only, and no job item is required: job progress
// (frequent while a job runs) need not recompute every biller's checklist.
const refreshSoon = debounce(() => void useReadiness.getState().refresh(), 1000);
const READINESS_EVENTS = CHECKLIST_EVENTS.filter((x) => x !== 'jobs:changed');

/** Keeps every biller's readiness current: mounted once, at the root (StoreEvents), for the app's life. */
export function useReadinessEvents(): void {
  useEvents(READINESS_EVENTS, refreshSoon);
}
