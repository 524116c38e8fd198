import { loadClassifier } from '../classify/index.js';
import { detectAuto } from '../mail/auto-reply.js';
import { parseMail } from '../mail/parse.js';
import { matchesRequestSubject } from '../mail/subject.js';
import { cliConfig } from './runtime.js';
import { eachFile, err, parse, type Command } from './io.js';

const usage = 'cli classify FILE.eml [FILE.eml ...]';

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'say what intake would understand of .eml files (no database, no mailbox)',
  usage: `${usage}

One JSON line per file:
  {"file":…,"subjectMatches":bool,"auto":"none|auto_reply|bounce","isRequest":bool,"rights":[…],"language":"ru|kk|en","confidence":0..1}`,
  async run(argv) {
    const { positionals } = parse(argv, {}, usage);
    if (positionals.length === 0) {
      err(`usage: ${usage}`);
      return 2;
    }
    const config = cliConfig();
    const classifier = loadClassifier();
    const failures = await eachFile(positionals, 'PD_MSG_UNPARSEABLE', async (raw) => {
      const parsed = await parseMail(raw, config.limits.processingTimeoutMs);
      const auto = detectAuto({
        headers: parsed.headers,
        from: parsed.from?.address ?? null,
        contentType: parsed.contentType,
        ownAddresses: [config.supportAddress],
      });
      const c = classifier.classify({ subject: parsed.subject ?? '', text: parsed.text });
      return {
        subjectMatches: matchesRequestSubject(parsed.subject, config.requestSubjects),
        // Our own mail coming back counts as automatic mail here: the bot never answers it.
        auto: auto.kind === 'loop' ? 'auto_reply' : auto.kind,
        isRequest: c.isRequest,
        rights: c.rights,
        language: c.language,
        confidence: Number(c.score.toFixed(3)),
      };
    });
    return failures > 0 ? 1 : 0;
  },
};
