/** electron-builder.yml's appId: Windows groups the taskbar and notifications by it (AppUserModelId). */
export const APP_ID = 'com.impresabridge.desktop';
