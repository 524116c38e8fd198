import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../context.js';
import { confirmRequest, inspectLink, rejectRequest, type LinkAction } from '../verify/confirm.js';
import type { VerifyDeps } from '../verify/deps.js';
import { checkFormToken, formToken, isWellFormedToken, tokenRef } from '../verify/token.js';
import { BodyError, readForm, sameOriginPost, sendHtml } from './http.js';
import { chooseLanguage, pageForResult, pageForView, plainPage, type PageModel } from './pages/model.js';
import { renderPage, type PageSite } from './pages/render.js';
import { workingDaysLeft } from '../deadlines/working-days.js';

// GET/HEAD /confirm/<token> shows what the link is about and changes nothing: mail scanners and
// link previews open links. Only POST, with the form token of that very link, acts.

export interface ConfirmRoutes {
  get(req: IncomingMessage, res: ServerResponse, token: string, url: URL): Promise<void>;
  post(req: IncomingMessage, res: ServerResponse, token: string, url: URL): Promise<void>;
}

export function createConfirmRoutes(ctx: AppContext, verifyDeps: VerifyDeps): ConfirmRoutes {
  // The context's clock is the one clock of the service (tests move it).
  const deps: VerifyDeps = { ...verifyDeps, now: ctx.now };
  const log = ctx.log.child({ component: 'web' });
  const site = (): PageSite => ({
    orgName: ctx.config.org.name,
    privacyPolicyUrl: ctx.config.org.privacyPolicyUrl,
    timeZone: ctx.config.org.timeZone,
  });
  const acceptLanguage = (req: IncomingMessage) => req.headers['accept-language'];

  function show(res: ServerResponse, token: string, model: PageModel): void {
    const self = isWellFormedToken(token) ? `/confirm/${token}` : '/confirm';
    // Where the page shows the due date it also shows the working days left, on the service's calendar.
    const shown = model.dueAt ? { ...model, daysLeft: workingDaysLeft(ctx.calendar, ctx.now(), model.dueAt, ctx.config.org.timeZone) } : model;
    sendHtml(res, model.status, renderPage(shown, site(), self));
  }

  return {
    async get(req, res, token, url) {
      const queryLang = url.searchParams.get('lang');
      const view = await inspectLink(ctx.database.db, token, ctx.now());
      const model = pageForView(view, {
        queryLang,
        acceptLanguage: acceptLanguage(req),
        token,
        formToken: isWellFormedToken(token) ? formToken(ctx.config.secret, token) : '',
      });
      log.debug({ msg: 'confirmation page shown', page: model.kind, tokenRef: tokenRef(token), ...(view.state !== 'unknown' ? { ticketId: view.ticket.id } : {}) });
      show(res, token, model);
    },

    async post(req, res, token, url) {
      const queryLang = url.searchParams.get('lang');
      const fallbackLang = chooseLanguage(queryLang, undefined, acceptLanguage(req));
      let form: URLSearchParams;
      try {
        form = await readForm(req);
      } catch (err) {
        if (!(err instanceof BodyError)) throw err;
        log.info({ msg: 'confirmation form refused', reason: err.message, tokenRef: tokenRef(token) });
        show(res, token, plainPage('forbidden', err.status, fallbackLang));
        return;
      }
      const action = form.get('action');
      const csrfOk =
        isWellFormedToken(token) &&
        sameOriginPost(req, ctx.config.http.publicBaseUrl) &&
        checkFormToken(ctx.config.secret, token, form.get('form_token') ?? undefined);
      if (!csrfOk || (action !== 'confirm' && action !== 'reject')) {
        // An unknown link is a 404 whatever the form says; a known link with a bad form is a 403.
        const view = await inspectLink(ctx.database.db, token, ctx.now());
        const status = view.state === 'unknown' ? 404 : csrfOk ? 400 : 403;
        log.info({ msg: 'confirmation form refused', reason: csrfOk ? 'bad action' : 'form token or origin', status, tokenRef: tokenRef(token) });
        const lang = chooseLanguage(queryLang, view.state === 'unknown' ? undefined : view.ticket.language, acceptLanguage(req));
        show(res, token, plainPage(view.state === 'unknown' ? 'unknown' : 'forbidden', status, lang));
        return;
      }
      const act: LinkAction = action;
      const result = act === 'confirm' ? await confirmRequest(ctx.database.db, deps, token) : await rejectRequest(ctx.database.db, deps, token);
      const model = pageForResult(result, act, { queryLang, acceptLanguage: acceptLanguage(req) });
      log.info({
        msg: 'confirmation form handled',
        action: act,
        page: model.kind,
        status: model.status,
        tokenRef: tokenRef(token),
        ...(result.done || result.state !== 'unknown' ? { ticketId: result.ticket.id } : {}),
      });
      show(res, token, model);
    },
  };
}
