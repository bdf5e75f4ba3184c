import { create } from 'zustand';
import type { AppInfo } from '../../shared/contract/app';
import type { Biller } from '../../shared/domain/biller';
import { api } from './api';
import { debounce, useEvent } from './use-event';

export const SCREENS = ['billers', 'jobs', 'payments', 'mapping', 'calls', 'conversion', 'lookups', 'batch'] as const;
export type Screen = (typeof SCREENS)[number];

function screenFromHash(): Screen {
  const name = location.hash.replace(/^#\/?/, '').split('/')[0] as Screen;
  return SCREENS.includes(name) ? name : 'billers';
}

interface AppState {
  screen: Screen;
  info: AppInfo | null;
  billers: Biller[];
  billersLoaded: boolean;
  loadError: string | null;
  /** The biller the Jobs, Payments and Mapping screens work on. */
  selectedBillerId: string | null;
  go(screen: Screen): void;
  selectBiller(id: string | null): void;
  refresh(): Promise<void>;
}

export const useApp = create<AppState>((set, get) => ({
  screen: screenFromHash(),
  info: null,
  billers: [],
  billersLoaded: false,
  loadError: null,
  selectedBillerId: localStorage.getItem('ib.selectedBiller'),
  go(screen) {
    if (location.hash !== `#/${screen}`)
      history.replaceState(null, '', `${location.pathname}${location.search}#/${screen}`);
    set({ screen });
  },
  selectBiller(id) {
    if (id) localStorage.setItem('ib.selectedBiller', id);
    else localStorage.removeItem('ib.selectedBiller');
    set({ selectedBillerId: id });
  },
  async refresh() {
    // Loaded independently: one failing (say, for want of a keychain) must not hide the other,
    // or the keychain banner and the biller list would both vanish behind one error.
    const [info, billers] = await Promise.allSettled([api.app.info(), api.billers.list()]);
    if (info.status === 'fulfilled') set({ info: info.value });
    if (billers.status === 'fulfilled') {
      const selected = get().selectedBillerId;
      set({ billers: billers.value, billersLoaded: true });
      if (!billers.value.some((b) => b.id === selected)) get().selectBiller(billers.value[0]?.id ?? null);
    }
    const failed = [info, billers].find((r) => r.status === 'rejected');
    set({ loadError: failed ? (failed.reason as Error).message : null, billersLoaded: true });
  },
}));

const refreshSoon = debounce(() => void useApp.getState().refresh(), 150);

/** Keeps the biller list current: mounted once, at the root (StoreEvents), for the app's life. */
export function useAppEvents(): void {
  useEvent('billers:changed', refreshSoon);
  useEvent('secrets:changed', refreshSoon);
}
window.addEventListener('hashchange', () => useApp.setState({ screen: screenFromHash() }));
