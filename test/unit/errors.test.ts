import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, describeError, isAppError } from '../../src/errors.js';

const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');

describe('error codes', () => {
  it('are all prefixed PD_ and documented in the README', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(code).toMatch(/^PD_[A-Z_]+$/);
      expect(readme, `README.md does not document ${code}`).toContain(`\`${code}\``);
    }
  });

  it('carry their code, status, message and cause', () => {
    const cause = new Error('inner');
    const err = new AppError('PD_MSG_TOO_LARGE', '30 MB', { cause });
    expect(err.code).toBe('PD_MSG_TOO_LARGE');
    expect(err.status).toBe(413);
    expect(err.message).toBe('Message is larger than MAX_MESSAGE_BYTES: 30 MB');
    expect(err.cause).toBe(cause);
    expect(isAppError(err, 'PD_MSG_TOO_LARGE')).toBe(true);
    expect(isAppError(err, 'PD_MSG_NO_SENDER')).toBe(false);
  });
});

describe('describeError', () => {
  it('cuts off the bound parameters drizzle appends, which may carry mail or tokens', () => {
    const err = new Error('Failed query: insert into messages (raw) values ($1)\nparams: From: someone@example.com Subject: secret');
    expect(describeError(err).message).toBe('Failed query: insert into messages (raw) values ($1)');
  });

  it('keeps the code of errors that have one', () => {
    expect(describeError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toEqual({ message: 'x', code: 'ECONNREFUSED' });
  });
});
