import { describe, expect, it } from 'vitest';
import { classifyDeliveryError, deliveryErrorCode, deliveryErrorMessage, isSmtpAuthError } from '../../src/outbox/delivery-error.js';
import { errorFields, rebuildError } from '../../src/outbox/smtp-thread-protocol.js';

// nodemailer runs in the SMTP thread; its errors reach the outbox worker as fields and are rebuilt.
// What the worker decides from a rebuilt error must be what it decided from the original.

const nodemailerLike = [
  Object.assign(new Error('Message failed: 550 5.1.1 no such user'), { code: 'EMESSAGE', responseCode: 550, command: 'DATA', response: '550 5.1.1 no such user' }),
  Object.assign(new Error('Message failed: 451 try later'), { code: 'EMESSAGE', responseCode: 451, command: 'DATA' }),
  Object.assign(new Error('Invalid login: 535 bad credentials'), { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }),
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET', command: 'CONN' }),
  Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT', command: 'CONN' }),
  Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE', command: 'API' }),
  new Error('something nobody expected'),
  'a thrown string',
];

describe('errors from the SMTP thread', () => {
  it.each(nodemailerLike.map((e, i) => [i, e] as const))('error %i is classified, coded and worded as the original', (_i, original) => {
    // Through a structured clone, as between threads.
    const rebuilt = rebuildError(structuredClone(errorFields(original)));
    expect(rebuilt).toBeInstanceOf(Error);
    expect(classifyDeliveryError(rebuilt)).toBe(classifyDeliveryError(original));
    expect(deliveryErrorCode(rebuilt)).toBe(deliveryErrorCode(original));
    expect(deliveryErrorMessage(rebuilt)).toBe(deliveryErrorMessage(original));
    expect(isSmtpAuthError(rebuilt)).toBe(isSmtpAuthError(original));
  });

  it('keeps the server reply but no field that is not plain data', () => {
    const err = Object.assign(new Error('Message failed: 552 too big'), { code: 'EMESSAGE', responseCode: 552, response: '552 too big', socket: { fd: 3 }, cause: new Error('x') });
    expect(errorFields(err)).toEqual({ message: 'Message failed: 552 too big', code: 'EMESSAGE', responseCode: 552, response: '552 too big' });
  });
});
