import { describe, expect, it } from 'vitest';
import { HIDDEN_ARG, loginItemQuery, loginItemSettings, startHidden, startsAtLogin } from './login-item';

const EXE = 'C:\\Users\\clerk\\AppData\\Local\\Programs\\impresa-bridge\\Impresa Bridge.exe';

describe('start at login, hidden in the tray', () => {
  it('on Windows registers our exe with --hidden, and looks for the same entry when reading back', () => {
    expect(loginItemSettings('win32', true, EXE)).toEqual({ openAtLogin: true, path: EXE, args: [HIDDEN_ARG] });
    expect(loginItemSettings('win32', false, EXE)).toEqual({ openAtLogin: false, path: EXE, args: [HIDDEN_ARG] });
    expect(loginItemQuery('win32', EXE)).toEqual({ path: EXE, args: [HIDDEN_ARG] });
  });

  it('on macOS asks the OS to open it hidden', () => {
    expect(loginItemSettings('darwin', true, '/Applications/Impresa Bridge.app')).toEqual({
      openAtLogin: true,
      openAsHidden: true,
    });
    expect(loginItemQuery('darwin', 'x')).toEqual({});
  });

  it('shows what the OS has: an entry disabled in Task Manager is off', () => {
    expect(startsAtLogin({ openAtLogin: true, executableWillLaunchAtLogin: false }, 'win32')).toBe(false);
    expect(startsAtLogin({ openAtLogin: true, executableWillLaunchAtLogin: true }, 'win32')).toBe(true);
    expect(startsAtLogin({ openAtLogin: true }, 'darwin')).toBe(true);
    expect(startsAtLogin({ openAtLogin: false }, 'linux')).toBe(false);
  });

  it('starts hidden when the login entry started it, never otherwise', () => {
    expect(startHidden([EXE, HIDDEN_ARG], {})).toBe(true);
    expect(startHidden(['/Applications/Impresa Bridge.app'], { wasOpenedAsHidden: true })).toBe(true);
    expect(startHidden(['/Applications/Impresa Bridge.app'], { wasOpenedAtLogin: true })).toBe(true);
    expect(startHidden([EXE], { wasOpenedAtLogin: false, wasOpenedAsHidden: false })).toBe(false);
  });
});
