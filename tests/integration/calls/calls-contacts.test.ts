import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../main/app/core';
import { MemoryLogger } from '../../../main/ground/logger';
import { addContactAttendees } from '../../../shared/domain/calls';
import type { Setup } from '../../../shared/domain/setup';
import { springfieldFields } from '../../support/biller-fields';
import { requireSecretService, tempDataDir } from '../../support/temp';

let core: Core;
let cleanup: () => void;
beforeAll(() => requireSecretService());
afterEach(async () => {
  await core.close();
  cleanup();
});

const call = (name: string, input: unknown) =>
  core.router.dispatch(name, input, { shell: 'browser', trustedSender: true });

describe('call attendees from the biller’s setup contacts', () => {
  it('contacts get ids that last through reads and re-saves; attendees added from them keep the id through calls:save', async () => {
    const tmp = tempDataDir();
    cleanup = tmp.cleanup;
    core = createCore({ dataDir: tmp.dir, shell: 'browser', logger: new MemoryLogger(), startJobs: false });
    const billerId = (await core.billers.create(springfieldFields)).id;
    core.setup.update(billerId, {
      contacts: [
        { name: 'Mayor Quimby', organisation: 'biller' },
        { name: 'Dana Ruiz', organisation: 'inhance', role: 'Support' },
      ],
    });

    const read = (await call('setup:get', { billerId })) as { result: Setup };
    const ids = read.result.fields.contacts.map((c) => c.id);
    expect(ids).toEqual([expect.any(String), expect.any(String)]);
    expect(new Set(ids).size).toBe(2);
    // The setup screen sends the contacts back as it read them, plus a new one: the ids stay, the new one gets its own.
    core.setup.update(billerId, {
      ...read.result.fields,
      contacts: [...read.result.fields.contacts, { name: 'Pat Lee', organisation: 'invoicecloud' }],
    });
    const contacts = core.setup.get(billerId).fields.contacts;
    expect(contacts.slice(0, 2).map((c) => c.id)).toEqual(ids);
    expect(contacts[2]!.id).toEqual(expect.any(String));
    expect(ids).not.toContain(contacts[2]!.id);

    const { attendees } = addContactAttendees(
      [{ name: 'Walk-in', role: 'Biller', present: true, contactId: null }],
      contacts,
    );
    expect(await call('calls:save', { billerId, date: '2025-03-04', attendees })).toMatchObject({
      result: { date: '2025-03-04' },
    });
    expect(core.calls.get(billerId, '2025-03-04').attendees).toEqual([
      { name: 'Walk-in', role: 'Biller', present: true, contactId: null },
      { name: 'Mayor Quimby', role: 'Biller', present: true, contactId: ids[0] },
      { name: 'Dana Ruiz', role: 'InHANCE', present: true, contactId: ids[1] },
      { name: 'Pat Lee', role: 'PM', present: true, contactId: contacts[2]!.id },
    ]);
  });
});
