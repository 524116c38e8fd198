import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_REQUEST_SUBJECTS, type Config } from '../config.js';
import { LANGUAGES, type Language } from '../domain.js';
import { AppError } from '../errors.js';
import { cachedMjml } from './mjml-cache.js';
import { compileTemplate, headerSafe, renderTemplate, type CompiledTemplate } from './template-engine.js';
import { createHelpers, HELPER_NAMES, parseStrings } from './template-helpers.js';
import { TEMPLATE_NAMES, type TemplateName, type TemplateVars } from './templates.js';

// Mail rendering. Every template is read, wrapped in the shared layout and compiled from MJML to
// HTML once, when the renderer is created (MJML takes milliseconds per template, so its output is
// cached by content, mjml-cache.ts; a mail takes microseconds to fill). Files, per language in templates/mail/<lang>/:
//   <name>.mjml   the body: <mj-section>s placed inside layout.mjml
//   <name>.txt    "Subject: ..." on the first line, a blank line, then the plain-text body
//   _footer.mjml, _footer.txt, strings.json (right labels, plural forms, locale)
// A missing file, an MJML error or a template syntax error stops the start with PD_TEMPLATE_MISSING.

export const MAIL_TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates/mail');

export interface RenderedMail {
  /** One line, at most 250 characters, no control characters. */
  subject: string;
  html: string;
  text: string;
}

export interface Renderer {
  render<N extends TemplateName>(name: N, language: Language, vars: TemplateVars[N]): RenderedMail;
}

interface Compiled {
  subject: CompiledTemplate;
  html: CompiledTemplate;
  text: CompiledTemplate;
}

/** The values every template may use besides its own, all from configuration. */
interface OrgVars {
  name: string;
  supportAddress: string;
  privacyPolicyUrl: string;
  /** The subject a requester writes with to open a request. */
  requestSubject: string;
}

/** `dir`: the templates (default templates/mail); `cacheDir`: where compiled pages are kept (mjml-cache.ts). */
export async function createRenderer(config: Config, opts: { dir?: string; cacheDir?: string } = {}): Promise<Renderer> {
  const dir = opts.dir ?? MAIL_TEMPLATES_DIR;
  const read = async (rel: string): Promise<string> => {
    try {
      return await readFile(path.join(dir, rel), 'utf8');
    } catch (err) {
      throw new AppError('PD_TEMPLATE_MISSING', `${path.join(dir, rel)} cannot be read`, { cause: err });
    }
  };

  const layout = await read('layout.mjml');
  const compiled = new Map<string, Compiled>();
  const helpers = {} as Record<Language, ReturnType<typeof createHelpers>>;

  for (const lang of LANGUAGES) {
    const strings = parseStrings(await read(`${lang}/strings.json`), `${lang}/strings.json`);
    helpers[lang] = createHelpers(strings, config.org.timeZone);
    const footerMjml = await read(`${lang}/_footer.mjml`);
    const footerText = await read(`${lang}/_footer.txt`);

    for (const name of TEMPLATE_NAMES) {
      const file = `${lang}/${name}`;
      const { subject, body } = splitSubject(await read(`${file}.txt`), `${file}.txt`);
      const page = layout.replace('%%LANG%%', lang).replace('%%BODY%%', await read(`${file}.mjml`)).replace('%%FOOTER%%', footerMjml);
      const html = await compileMjml(page, `${file}.mjml`, opts.cacheDir);
      compiled.set(`${name}/${lang}`, {
        subject: compileTemplate(subject, `${file}.txt (subject)`, HELPER_NAMES),
        html: compileTemplate(html, `${file}.mjml`, HELPER_NAMES),
        text: compileTemplate(`${body.trimEnd()}\n\n-- \n${footerText}`, `${file}.txt`, HELPER_NAMES),
      });
    }
  }

  const org = (lang: Language): OrgVars => ({
    name: config.org.name,
    supportAddress: config.supportAddress,
    privacyPolicyUrl: config.org.privacyPolicyUrl,
    requestSubject: requestSubjectFor(config.requestSubjects, lang),
  });
  const orgByLang = Object.fromEntries(LANGUAGES.map((l) => [l, org(l)])) as Record<Language, OrgVars>;

  return {
    render(name, language, vars) {
      const t = compiled.get(`${name}/${language}`);
      if (!t) throw new AppError('PD_TEMPLATE_MISSING', `${name} in ${String(language)}`);
      const h = helpers[language];
      const data = { ...vars, org: orgByLang[language] };
      const subject = headerSafe(renderTemplate(t.subject, data, 'text', h));
      const html = renderTemplate(t.html, { ...data, mailSubject: subject }, 'html', h);
      const text = tidyText(renderTemplate(t.text, data, 'text', h));
      return { subject, html, text };
    },
  };
}

const MJML_OPTIONS = { validationLevel: 'strict', keepComments: false } as const;

function compileMjml(source: string, name: string, cacheDir: string | undefined): Promise<string> {
  return cachedMjml(source, { ...MJML_OPTIONS, compact: 1 }, async () => compact(await compileMjmlNow(source, name)), cacheDir);
}

/**
 * MJML indents its output for people to read: about a quarter of a mail's HTML is indentation and
 * blank lines, and every mail carries it into the outbox row, its encoding and the wire. Our
 * templates keep no text where leading white space shows (no pre or pre-wrap), so it goes.
 */
function compact(html: string): string {
  return html.replace(/^[ \t]+/gm, '').replace(/\n{2,}/g, '\n');
}

async function compileMjmlNow(source: string, name: string): Promise<string> {
  // Loaded only when a page is not in the cache (mjml-cache.ts): it takes a command ~0.4 s.
  const { default: mjml2html } = await import('mjml');
  let result: Awaited<ReturnType<typeof mjml2html>>;
  try {
    result = await mjml2html(source, MJML_OPTIONS);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new AppError('PD_TEMPLATE_MISSING', `${name}: MJML error: ${detail}`, { cause: err });
  }
  if (result.errors.length > 0) {
    const detail = result.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ');
    throw new AppError('PD_TEMPLATE_MISSING', `${name}: MJML error: ${detail}`);
  }
  return result.html;
}

function splitSubject(source: string, name: string): { subject: string; body: string } {
  const m = /^Subject:([^\r\n]+)\r?\n\r?\n/.exec(source);
  if (!m) throw new AppError('PD_TEMPLATE_MISSING', `${name}: expected "Subject: ..." and a blank line first`);
  return { subject: m[1]!.trim(), body: source.slice(m[0].length) };
}

/** No trailing spaces (but the "-- " signature line), at most one blank line in a row. */
function tidyText(text: string): string {
  return `${text
    .replace(/(?<!^--|[ \t])[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/**
 * With the default subjects (one per language, in LANGUAGES order) the requester is told the one in
 * their language; an organisation's own list is used as configured, first entry.
 */
function requestSubjectFor(subjects: readonly string[], lang: Language): string {
  const isDefault = subjects.length === DEFAULT_REQUEST_SUBJECTS.length && subjects.every((s, i) => s === DEFAULT_REQUEST_SUBJECTS[i]);
  const picked = isDefault ? DEFAULT_REQUEST_SUBJECTS[LANGUAGES.indexOf(lang)] : subjects[0];
  return picked ?? DEFAULT_REQUEST_SUBJECTS[0]!;
}
