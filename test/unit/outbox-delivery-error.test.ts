import { describe, expect, it } from 'vitest';
import {
  classifyDeliveryError,
  deliveryErrorCode,
  deliveryErrorMessage,
  isPermanentDeliveryError,
  operatorDeliveryError,
} from '../../src/outbox/delivery-error.js';
import { AppError } from '../../src/errors.js';

const smtp = (responseCode: number, code = 'EMESSAGE', command = 'DATA') =>
  Object.assign(new Error(`Message failed: ${responseCode} x`), { responseCode, code, command });
const net = (code: string, command = 'CONN') => Object.assign(new Error(code), { code, command });

describe('delivery errors', () => {
  it('5xx except 503 is permanent', () => {
    expect(classifyDeliveryError(smtp(550))).toBe('permanent');
    expect(classifyDeliveryError(smtp(554))).toBe('permanent');
    expect(classifyDeliveryError(smtp(552))).toBe('permanent');
    expect(classifyDeliveryError(smtp(503))).toBe('transient');
    expect(isPermanentDeliveryError(smtp(550))).toBe(true);
    expect(isPermanentDeliveryError(smtp(503))).toBe(false);
  });

  it('4xx is transient, whatever nodemailer code comes with it', () => {
    expect(classifyDeliveryError(smtp(451))).toBe('transient');
    expect(classifyDeliveryError(smtp(421, 'EENVELOPE', 'RCPT TO'))).toBe('transient');
    expect(classifyDeliveryError(smtp(452, 'EENVELOPE'))).toBe('transient');
  });

  it('a refused login is the server or our configuration, not the mail: unavailable, never permanent', () => {
    expect(classifyDeliveryError(net('EAUTH', 'AUTH PLAIN'))).toBe('unavailable');
    expect(classifyDeliveryError(smtp(535, 'EAUTH', 'AUTH PLAIN'))).toBe('unavailable');
    expect(isPermanentDeliveryError(smtp(535, undefined, 'AUTH LOGIN'))).toBe(false);
  });

  it('without a reply: EENVELOPE permanent, no connection unavailable, the rest transient', () => {
    expect(classifyDeliveryError(net('EENVELOPE', 'API'))).toBe('permanent');
    expect(classifyDeliveryError(net('ECONNECTION'))).toBe('unavailable');
    expect(classifyDeliveryError(net('ECONNREFUSED'))).toBe('unavailable');
    expect(classifyDeliveryError(net('EDNS'))).toBe('unavailable');
    expect(classifyDeliveryError(net('ETIMEDOUT', 'CONN'))).toBe('unavailable');
    expect(classifyDeliveryError(net('ETIMEDOUT', 'DATA'))).toBe('transient');
    expect(classifyDeliveryError(net('ESOCKET', 'DATA'))).toBe('transient');
    expect(classifyDeliveryError(new Error('boom'))).toBe('transient');
    expect(classifyDeliveryError('string')).toBe('transient');
    expect(classifyDeliveryError(null)).toBe('transient');
  });

  it('gives a short code and a one-line message for the row', () => {
    expect(deliveryErrorCode(smtp(550))).toBe('SMTP_550');
    expect(deliveryErrorCode(net('ECONNREFUSED'))).toBe('ECONNREFUSED');
    expect(deliveryErrorCode(new Error('x'))).toBe('UNKNOWN');
    expect(deliveryErrorMessage(new Error('a\r\nb'))).toBe('a b');
    expect(deliveryErrorMessage(new Error('x'.repeat(1000))).length).toBe(500);
  });

  it('names a refused login PD_SMTP_AUTH with the user and server from SMTP_URL, never the password', () => {
    const refused = Object.assign(new Error('Invalid login: 535 Authentication failed'), { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' });
    const err = operatorDeliveryError(refused, 'smtp://desk%40example.com:s3cret@mail.example.com:2525');
    expect(err?.code).toBe('PD_SMTP_AUTH');
    expect(err?.message).toBe('SMTP login refused: desk@example.com at mail.example.com:2525; check the user and password in SMTP_URL');
    expect(err?.message).not.toContain('s3cret');
    expect(operatorDeliveryError(refused, 'smtps://mail.example.com')?.message).toContain('(no user) at mail.example.com:465');
    expect(classifyDeliveryError(refused)).toBe('unavailable');
  });

  it('treats an unwritable outbox folder as unavailable, and other failures as nothing for the operator', () => {
    const dir = new AppError('PD_OUTBOX_DIR', '/srv/outbox (ENOTDIR)');
    expect(classifyDeliveryError(dir)).toBe('unavailable');
    expect(operatorDeliveryError(dir, null)).toBe(dir);
    expect(operatorDeliveryError(net('ECONNREFUSED'), 'smtp://mail.example.com')).toBeNull();
    expect(operatorDeliveryError(smtp(550), 'smtp://mail.example.com')).toBeNull();
  });
});
