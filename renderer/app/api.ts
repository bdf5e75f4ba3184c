import type { Api } from '../../shared/api';

declare global {
  interface Window {
    /** Built by preload (Electron) or the browser shim (browser host) from the shared contract. */
    readonly api: Api;
  }
}

export const api: Api = window.api;
