// The labelled message format of src/classify/data/*.jsonl: one JSON object per line,
//   {"text": ..., "subject"?: ..., "rights": [...], "isRequest": bool, "language": "ru|kk|en", "translit"?: bool}
import { isLanguage, isRight, RIGHTS, type Language, type Right } from '../domain.js';

export interface LabelledMessage {
  text: string;
  subject?: string;
  rights: Right[];
  isRequest: boolean;
  language: Language;
  translit?: boolean;
}

/** Parse and validate JSONL; `source` names the file in error messages. */
export function parseDataset(content: string, source: string): LabelledMessage[] {
  const out: LabelledMessage[] = [];
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${source}:${i + 1}`;
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) throw new Error(`${where}: not an object`);
    const row = value as Record<string, unknown>;
    const { text, subject, rights, isRequest, language, translit } = row;
    if (typeof text !== 'string') throw new Error(`${where}: "text" must be a string`);
    if (subject !== undefined && typeof subject !== 'string') throw new Error(`${where}: "subject" must be a string`);
    if (!Array.isArray(rights) || !rights.every((r): r is Right => typeof r === 'string' && isRight(r))) {
      throw new Error(`${where}: "rights" must be a list of ${RIGHTS.join(', ')}`);
    }
    if (typeof isRequest !== 'boolean') throw new Error(`${where}: "isRequest" must be a boolean`);
    if (typeof language !== 'string' || !isLanguage(language)) throw new Error(`${where}: "language" must be ru, kk or en`);
    if (translit !== undefined && typeof translit !== 'boolean') throw new Error(`${where}: "translit" must be a boolean`);
    const message: LabelledMessage = { text, rights, isRequest, language };
    if (subject !== undefined) message.subject = subject;
    if (translit !== undefined) message.translit = translit;
    out.push(message);
  });
  return out;
}

export const TRAIN_DATA_URL = new URL('./data/train.jsonl', import.meta.url);
export const HELDOUT_DATA_URL = new URL('./data/heldout.jsonl', import.meta.url);
