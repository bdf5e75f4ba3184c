import { describe, expect, it } from 'vitest';
import { addContactAttendees, type Attendee } from './calls';
import type { Contact } from './setup';

const contact = (over: Partial<Contact> & Pick<Contact, 'name' | 'organisation'>): Contact => ({
  id: `id-${over.name}`,
  role: null,
  email: null,
  phone: null,
  ...over,
});

describe('attendees from the biller’s contacts', () => {
  const contacts = [
    contact({ name: 'Mayor Quimby', organisation: 'biller' }),
    contact({ name: 'Dana Ruiz', organisation: 'inhance' }),
    contact({ name: 'Pat Lee', organisation: 'invoicecloud' }),
  ];

  it('adds each contact as present, with the role of its organisation and its id', () => {
    expect(addContactAttendees([], contacts)).toEqual({
      added: 3,
      attendees: [
        { name: 'Mayor Quimby', role: 'Biller', present: true, contactId: 'id-Mayor Quimby' },
        { name: 'Dana Ruiz', role: 'InHANCE', present: true, contactId: 'id-Dana Ruiz' },
        { name: 'Pat Lee', role: 'PM', present: true, contactId: 'id-Pat Lee' },
      ],
    });
  });

  it('skips contacts already listed, by id or by name, and links a same-named attendee without changing it otherwise', () => {
    const listed: Attendee[] = [
      { name: 'Someone renamed', role: 'Biller', present: false, contactId: 'id-Mayor Quimby' },
      { name: ' dana ruiz ', role: 'PM', present: false, contactId: null },
      { name: 'Walk-in', role: 'Biller', present: true, contactId: null },
    ];
    const { attendees, added } = addContactAttendees(listed, contacts);
    expect(added).toBe(1);
    expect(attendees).toEqual([
      listed[0],
      { name: ' dana ruiz ', role: 'PM', present: false, contactId: 'id-Dana Ruiz' },
      listed[2],
      { name: 'Pat Lee', role: 'PM', present: true, contactId: 'id-Pat Lee' },
    ]);
    // The input is left as it was; a second press adds nothing.
    expect(listed[1]!.contactId).toBeNull();
    expect(addContactAttendees(attendees, contacts).added).toBe(0);
  });
});
