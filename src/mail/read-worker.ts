import { parentPort } from 'node:worker_threads';
import { loadClassifier } from '../classify/index.js';
import { readMailInline, type ReadReply, type ReadTask } from './reader.js';

// Worker thread entry: parse one raw message and classify its text, off the main thread (see
// lifecycle/worker-pool.ts). Replies are plain data; a Map and Dates survive the structured clone.

const port = parentPort;
if (!port) throw new Error('read-worker runs only as a worker thread');
const classifier = loadClassifier();

port.on('message', (task: ReadTask) => {
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
  readMailInline(raw, classifier, task.timeoutMs, task.keepAttachmentBytes).then(
    (read): void => port.postMessage({ ok: true, read } satisfies ReadReply),
    (err: unknown): void => port.postMessage(failure(err)),
  );
});
// Warm up before saying ready: a fresh worker's first read loads the parser's lazy parts and
// compiles the hot paths, which takes longer than a short time limit. A replacement for a worker
// that ran out of time would otherwise fail the next mail for a reason that is not the mail's.
const WARM_UP = Buffer.from(
  [
    'From: Warm Up <warm.up@example.com>',
    'To: privacy@example.com',
    'Subject: =?UTF-8?B?0JfQsNC/0YDQvtGBINC90LAg0YPQv9GA0LDQstC70LXQvdC40LUg0LTQsNC90L3Ri9C80Lg=?=',
    'Message-ID: <warm-up@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('Прошу удалить мои данные. Please send me a copy of my data. Деректерімді жойыңыз.').toString('base64'),
    '--b',
    'Content-Type: text/html; charset=windows-1251',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<html><body><table><tr><td>=CF=F0=EE=F8=F3</td></tr></table></body></html>',
    '--b--',
    '',
  ].join('\r\n'),
);
readMailInline(WARM_UP, classifier, 60_000).then(
  () => port.postMessage('ready'),
  // A warm-up that fails says nothing about real mail: the worker is ready all the same.
  () => port.postMessage('ready'),
);

function failure(err: unknown): ReadReply {
  const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : null;
  const detail = err instanceof Error && 'detail' in err && typeof err.detail === 'string' ? err.detail : null;
  return { ok: false, code, detail, message: err instanceof Error ? err.message : String(err) };
}
