import { describe, expect, it } from 'vitest';
import { confluenceValidator, smartsheetValidator } from './specs';

const json = { 'content-type': 'application/json', authorization: 'Bearer abc' };

describe('the request validator over the official descriptions', () => {
  it('accepts a well-formed Smartsheet add-rows request and names what is wrong in a bad one', () => {
    const v = smartsheetValidator();
    expect(v.check({ method: 'POST', path: '/sheets/123/rows', query: new URLSearchParams('allowPartialSuccess=true'), headers: json, body: [{ toBottom: true, cells: [{ columnId: 1, value: 'x' }] }] })).toEqual([]);
    expect(v.check({ method: 'GET', path: '/sheets/123', query: new URLSearchParams(), headers: { authorization: 'Bearer abc' }, body: undefined })).toEqual([]);
    expect(v.check({ method: 'POST', path: '/sheets/123/rows', query: new URLSearchParams('allowPartialSuccess=maybe'), headers: json, body: [{ cells: 'no' }] }).join(' ')).toMatch(/allowPartialSuccess.*boolean|cells/);
    expect(v.check({ method: 'POST', path: '/sheets/123/rows', query: new URLSearchParams(), headers: { 'content-type': 'application/json' }, body: [] }).join(' ')).toMatch(/Authorization/);
    expect(v.check({ method: 'GET', path: '/sheets/abc', query: new URLSearchParams(), headers: json, body: undefined }).join(' ')).toMatch(/sheetId/);
    expect(v.check({ method: 'DELETE', path: '/sheets/1/rows', query: new URLSearchParams(), headers: json, body: undefined }).join(' ')).toMatch(/does not take DELETE/);
    expect(v.check({ method: 'GET', path: '/sheets/1', query: new URLSearchParams('bogus=1'), headers: json, body: undefined }).join(' ')).toMatch(/bogus/);
  });

  it('accepts a Confluence page read and update and refuses an update without its version', () => {
    const v = confluenceValidator();
    const basic = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from('a@b.c:t').toString('base64')}` };
    expect(v.check({ method: 'GET', path: '/pages/42', query: new URLSearchParams('body-format=storage'), headers: basic, body: undefined })).toEqual([]);
    expect(v.check({ method: 'GET', path: '/pages/42', query: new URLSearchParams('body-format=html'), headers: basic, body: undefined }).join(' ')).toMatch(/body-format/);
    const update = { id: '42', status: 'current', title: 'Notes', body: { representation: 'storage', value: '<p>x</p>' }, version: { number: 2 } };
    expect(v.check({ method: 'PUT', path: '/pages/42', query: new URLSearchParams(), headers: basic, body: update })).toEqual([]);
    const { version: _v, ...noVersion } = update;
    expect(v.check({ method: 'PUT', path: '/pages/42', query: new URLSearchParams(), headers: basic, body: noVersion }).join(' ')).toMatch(/version/);
    expect(v.check({ method: 'PUT', path: '/pages/42', query: new URLSearchParams(), headers: { 'content-type': 'application/json' }, body: update }).join(' ')).toMatch(/Authorization/);
  });
});
