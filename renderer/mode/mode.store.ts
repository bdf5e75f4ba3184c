import { create } from 'zustand';
import type { ModeState } from '../../shared/contract/mode';
import { api } from '../app/api';

interface ModeStore {
  state: ModeState | null;
  error: string | null;
  refresh(): Promise<void>;
  set(state: ModeState): void;
}

/** The installation's mode (clerk or PM) as main holds it; main enforces it, the screens follow it. */
export const useMode = create<ModeStore>((set) => ({
  state: null,
  error: null,
  async refresh() {
    try {
      set({ state: await api.mode.get(), error: null });
    } catch (e) {
      set({ error: (e as Error).message });
    }
  },
  set(state) {
    set({ state });
  },
}));
