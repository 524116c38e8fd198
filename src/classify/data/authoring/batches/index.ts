// Every batch of training-only wording (data files), by language and kind. Each was written by an
// author who saw neither the pools (ru.ts, kk.ts, en.ts) nor the held-out split; see LABELLING.md.
import type { ExtraBatch } from '../types.js';
import { BATCH as enRequests } from './en-requests.js';
import { BATCH as enTricky } from './en-tricky.js';
import { BATCH as kkRequests } from './kk-requests.js';
import { BATCH as kkTricky } from './kk-tricky.js';
import { BATCH as ruRequests } from './ru-requests.js';
import { BATCH as ruTricky } from './ru-tricky.js';

export const BATCHES: ExtraBatch[] = [ruRequests, ruTricky, kkRequests, kkTricky, enRequests, enTricky];
