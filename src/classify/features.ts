// What the model reads of a message: its stems plus the cue tokens. Shared by training and
// classification so both see exactly the same features.
import { cueTokens, findCues, type Cues } from './cues.js';
import { prepare, type Prepared } from './prepare.js';

export interface MessageFeatures {
  prepared: Prepared;
  cues: Cues;
  tokens: string[];
}

export function messageFeatures(input: { subject: string; text: string }): MessageFeatures {
  const prepared = prepare(input);
  const cues = findCues(prepared);
  return { prepared, cues, tokens: [...prepared.tokens, ...cueTokens(cues)] };
}
