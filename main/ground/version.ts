import { version } from '../../package.json';

/** The app's version: package.json's, the one the installer and the update server know (bundled at build). */
export const APP_VERSION: string = version;
