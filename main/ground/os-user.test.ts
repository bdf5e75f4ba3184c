import os from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  fullNameSync,
  fullNameWindows,
  parseIdF,
  parseNetUser,
  parsePasswdFile,
  parsePasswdLine,
  parsePowerShellFullName,
  type CommandRunner,
} from './os-user';

const NET_USER = `User name                    mlopez
Full Name                    Maria Lopez
Comment
User's comment
Country/region code          000 (System Default)
Account active               Yes
Account expires              Never

Password last set            3/2/2025 9:14:02 AM
Local Group Memberships      *Users
Global Group memberships     *None
The command completed successfully.
`;

const NET_USER_NO_NAME = NET_USER.replace('Full Name                    Maria Lopez', 'Full Name');

const PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
mlopez:x:1000:1000:Maria Lopez,Room 12,555-0100,,:/home/mlopez:/bin/bash
jpatel:x:1001:1001::/home/jpatel:/bin/bash
kim:x:1002:1002:& Park:/home/kim:/bin/bash
`;

const failing: CommandRunner = () => {
  throw new Error('spawn getent ENOENT');
};

describe('reading the OS full name', () => {
  it('Windows net user: the Full Name line, none when it is empty', () => {
    expect(parseNetUser(NET_USER)).toBe('Maria Lopez');
    expect(parseNetUser(NET_USER.replace(/\n/g, '\r\n'))).toBe('Maria Lopez');
    expect(parseNetUser(NET_USER_NO_NAME)).toBeNull();
    expect(parseNetUser('The user name could not be found.\r\n')).toBeNull();
  });

  it('Windows PowerShell (ADSI FullName): the value alone, none when blank', () => {
    expect(parsePowerShellFullName('María López\r\n')).toBe('María López');
    expect(parsePowerShellFullName('\r\n')).toBeNull();
  });

  it('Linux passwd: the GECOS name before the first comma, & as the account name, none when empty', () => {
    expect(
      parsePasswdLine('mlopez:x:1000:1000:Maria Lopez,Room 12,555-0100,,:/home/mlopez:/bin/bash\n', 'mlopez'),
    ).toBe('Maria Lopez');
    expect(parsePasswdLine('mlopez:x:1000:1000:Maria Lopez:/home/mlopez:/bin/bash', 'jpatel')).toBeNull();
    expect(parsePasswdFile(PASSWD, 'mlopez')).toBe('Maria Lopez');
    expect(parsePasswdFile(PASSWD, 'jpatel')).toBeNull();
    expect(parsePasswdFile(PASSWD, 'kim')).toBe('Kim Park');
    expect(parsePasswdFile(PASSWD, 'nobody-here')).toBeNull();
  });

  it('macOS id -F: the one line it prints', () => {
    expect(parseIdF('Maria Lopez\n')).toBe('Maria Lopez');
    expect(parseIdF('')).toBeNull();
  });

  it('each OS asks its own command; Linux falls back from getent to /etc/passwd', () => {
    const calls: string[] = [];
    const run: CommandRunner = (file, args) => {
      calls.push([file, ...args].join(' '));
      return file === 'id' ? 'Maria Lopez\n' : 'mlopez:x:1000:1000:Maria Lopez,,,:/home/mlopez:/bin/bash\n';
    };
    expect(fullNameSync('mlopez', 'darwin', run)).toBe('Maria Lopez');
    expect(fullNameSync('mlopez', 'linux', run)).toBe('Maria Lopez');
    expect(calls).toEqual(['id -F mlopez', 'getent passwd mlopez']);
    expect(fullNameSync('mlopez', 'linux', failing, () => PASSWD)).toBe('Maria Lopez');
    // Windows is read in the background, never at start.
    expect(fullNameSync('mlopez', 'win32', run)).toBeNull();
  });

  it('no name anywhere (commands failing, no passwd line): none, so the account name is shown', () => {
    expect(fullNameSync('mlopez', 'linux', failing, () => 'root:x:0:0:root:/root:/bin/bash\n')).toBeNull();
    expect(
      fullNameSync('mlopez', 'linux', failing, () => {
        throw new Error('EACCES');
      }),
    ).toBeNull();
    expect(fullNameSync('mlopez', 'darwin', failing)).toBeNull();
  });

  it('this machine, for real: getent answers for root (Debian names it "root"), and nothing for an unknown account', () => {
    expect(fullNameSync('root', 'linux')).toBe('root');
    expect(fullNameSync('no-such-user-ib-test', 'linux')).toBeNull();
  });

  it('Windows: PowerShell first, net user when PowerShell fails or is blank, none when both fail', async () => {
    const tried: string[] = [];
    const ok = await fullNameWindows('mlopez', async (file) => {
      tried.push(file);
      return 'Maria Lopez\r\n';
    });
    expect(ok).toBe('Maria Lopez');
    expect(tried).toEqual(['powershell.exe']);
    expect(await fullNameWindows('mlopez', async (file) => (file === 'net' ? NET_USER : '\r\n'))).toBe('Maria Lopez');
    expect(
      await fullNameWindows('mlopez', async (file, args) => {
        if (file === 'net') return args[1] === 'mlopez' ? NET_USER : '';
        throw new Error('timed out');
      }),
    ).toBe('Maria Lopez');
    expect(
      await fullNameWindows('mlopez', async () => {
        throw new Error('timed out');
      }),
    ).toBeNull();
  });
});

describe('osActor', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('IMPRESA_BRIDGE_DISPLAY_NAME overrides the OS name; the account stays the OS account', async () => {
    vi.stubEnv('IMPRESA_BRIDGE_DISPLAY_NAME', 'Front Desk 2');
    const { osActor, resolveOsActor } = await import('./audit');
    expect(osActor()).toEqual({ id: os.userInfo().username, name: 'Front Desk 2' });
    expect(await resolveOsActor()).toEqual({ id: os.userInfo().username, name: 'Front Desk 2' });
  });

  it('without the override: the OS full name where there is one, else the account name', async () => {
    vi.stubEnv('IMPRESA_BRIDGE_DISPLAY_NAME', '');
    const { osActor } = await import('./audit');
    const me = os.userInfo().username;
    expect(osActor()).toEqual({ id: me, name: fullNameSync(me) ?? me });
  });
});
