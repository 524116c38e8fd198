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
  readMailInline(raw, classifier, task.timeoutMs).then(
    (read): void => port.postMessage({ ok: true, read } satisfies ReadReply),
    (err: unknown): void => port.postMessage(failure(err)),
  );
});
port.postMessage('ready');

function failure(err: unknown): ReadReply {
  const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : null;
  const detail = err instanceof Error && 'detail' in err && typeof err.detail === 'string' ? err.detail : null;
  return { ok: false, code, detail, message: err instanceof Error ? err.message : String(err) };
}
