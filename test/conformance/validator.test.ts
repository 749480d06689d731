/**
 * The conformance checks themselves must be able to fail: fed bodies that break the spec,
 * they report it. (Without this, a validator that accepts everything would pass the suite.)
 */
import { describe, expect, it } from 'vitest';
import { logProblems, type Exchange } from './sdk.js';
import { findOperation, responseProblems, schemaErrors, undocumentedProperties } from './spec-validator.js';

const ID = '5f0000000000000000000000';

describe('responseProblems', () => {
  it('finds the operation from the method and the concrete path', () => {
    expect(findOperation('GET', `/v2/apps/${ID}`)?.op.operationId).toBe('GetApp');
    expect(findOperation('POST', `/v2/apps/${ID}/attachments/remove`)?.op.operationId).toBe('DeleteAttachment');
    expect(findOperation('DELETE', `/v2/apps/${ID}/users/u1/personalinformation`)?.op.operationId).toBe('DeleteUserPersonalInformation');
    expect(findOperation('PUT', `/v2/apps/${ID}`)).toBeUndefined();
  });

  it('accepts a conforming body and rejects wrong types, write-only fields and undocumented statuses', () => {
    expect(responseProblems('GET', `/v2/apps/${ID}`, 200, { app: { id: ID, displayName: 'A', metadata: null } })).toEqual([]);
    expect(responseProblems('GET', `/v2/apps/${ID}`, 200, { app: { id: 5 } })).not.toEqual([]);
    // twilio.authToken is writeOnly: a response that carries it breaks the spec.
    expect(schemaErrors('twilio', { id: 'i', type: 'twilio', accountSid: 'AC', authToken: 't' })).not.toEqual([]);
    expect(schemaErrors('twilio', { id: 'i', type: 'twilio', accountSid: 'AC' })).toEqual([]);
    expect(responseProblems('POST', '/v2/apps', 200, { app: { id: ID } })).toEqual([
      'CreateApp 200: status not documented for this operation (documented: 201, 400, 402)',
    ]);
    expect(responseProblems('GET', `/v2/apps/${ID}/switchboards`, 200, { switchboards: [{ id: 's', enabled: 'yes' }] })).not.toEqual([]);
  });

  it('requires errors[0].code and title on every error status, documented or not', () => {
    expect(responseProblems('GET', `/v2/apps/${ID}`, 404, { errors: [{ code: 'app_not_found', title: 'App not found' }] })).toEqual([]);
    expect(responseProblems('GET', `/v2/apps/${ID}`, 404, {})).toHaveLength(1);
    expect(responseProblems('GET', '/v2/apps', 401, { message: 'nope' })).toHaveLength(1);
    expect(responseProblems('GET', '/v2/apps', 401, { errors: [{ code: 'unauthorized', title: 'Unauthorized' }] })).toEqual([]);
  });

  it('reports properties the response schema does not name', () => {
    expect(undocumentedProperties('GET', `/v2/apps/${ID}`, 200, { app: { id: ID, internal: 1, settings: { x: true } } })).toEqual([
      '/app/internal',
      '/app/settings/x',
    ]);
    expect(undocumentedProperties('GET', `/v2/apps/${ID}`, 200, { app: { id: ID, metadata: { anything: 1 } } })).toEqual([]);
  });
});

describe('logProblems', () => {
  const x = (over: Partial<Exchange>): Exchange => ({
    method: 'GET', path: `/v2/apps/${ID}`, query: '', status: 200, contentType: 'application/json', body: { app: { id: ID } }, ...over,
  });
  it('flags a non-JSON body, a wrong content type and a schema break', () => {
    expect(logProblems([x({})])).toEqual([]);
    expect(logProblems([x({ body: undefined, unparsable: '<html>' })])).toHaveLength(1);
    expect(logProblems([x({ contentType: 'text/plain' })])).toHaveLength(1);
    expect(logProblems([x({ body: { app: { id: [] } } })])).toHaveLength(1);
  });
});

describe('discriminated oneOf (message content, actions)', () => {
  const post = (content: unknown) =>
    responseProblems('POST', `/v2/apps/${ID}/conversations/c/messages`, 201, { messages: [{ id: 'm', author: { type: 'business' }, content }] });
  it('checks a body against the schema its type names, not against all branches', () => {
    expect(post({ type: 'location', coordinates: { lat: 1, long: 2 } })).toEqual([]);
    expect(post({ type: 'text', text: 'x', actions: [{ type: 'reply', text: 'Yes', payload: 'y' }] })).toEqual([]);
    expect(post({ type: 'image' })).not.toEqual([]);
    expect(post({ type: 'hologram' })).not.toEqual([]);
    expect(post({ type: 'text', text: 'x', actions: [{ type: 'link', text: 'x' }] })).not.toEqual([]);
  });
});
