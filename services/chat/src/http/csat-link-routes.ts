// Rating a conversation from the link in a satisfaction e-mail (customers who wrote by e-mail have
// no widget): GET /csat/<token> shows a small form (the rating chosen in the mail preselected),
// POST /csat/<token> answers the survey exactly as PUT /v1/conversations/:id/csat/:surveyId does
// for the customer (csat-surveys.ts: same windows, same events, announced to open consoles). A GET
// never answers: mail scanners and link previews open links. The token (csat/mail-link.ts) is the
// only credential; a token Smartchat did not make is "not found". Plain HTML, no script, Russian
// and English.
import { CSAT_COMMENT_MAX, CSAT_MAX_RATING, CSAT_MIN_RATING, SmartchatError, submitCsatInput, toCustomerCsatSurvey } from '@smartchat/contracts';
import { escapeHtml } from '@smartchat/core';
import type { PgPool } from '@smartchat/platform';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CsatSurveys } from '../csat/csat-surveys.js';
import { surveyOfLinkToken } from '../csat/mail-link.js';
import type { ChatSocketServer } from '../gateway/socket-server.js';
import { rooms } from '../messaging/rooms.js';

export interface CsatLinkRouteDeps {
  pg: PgPool;
  surveys: CsatSurveys;
  /** Signs the links (the mail role makes them with the same secret). */
  secret: string;
  io: () => ChatSocketServer;
}

interface SurveyFacts {
  id: string;
  conversation_id: string;
  customer_id: string;
  rating: number | null;
  comment: string | null;
  editable_until: Date;
}

const POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const RATING_WORDS: Record<number, string> = { 1: 'Очень плохо / Very poor', 2: 'Плохо / Poor', 3: 'Нормально / OK', 4: 'Хорошо / Good', 5: 'Отлично / Excellent' };

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">` +
        `<title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}` +
        `fieldset{border:1px solid #888;border-radius:.5rem;padding:1rem}label{display:block;margin:.25rem 0}textarea{width:100%;min-height:6rem;font:inherit}` +
        `button{font:inherit;padding:.5rem 1.25rem;margin-top:1rem;background:#1d4ed8;color:#fff;border:0;border-radius:.4rem}p.note{color:#444}</style></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    );
}

const notFound = (reply: FastifyReply) => page(reply, 404, 'Ссылка недействительна / This link is not valid', '<p>Проверьте ссылку из письма. / Please check the link in the e-mail.</p>');
const closed = (reply: FastifyReply, until: Date) =>
  page(reply, 409, 'Опрос закрыт / The survey is closed', `<p>Оценку можно было оставить или изменить до ${escapeHtml(until.toISOString().slice(0, 16).replace('T', ' '))} UTC. / It could be answered or changed until then.</p>`);

function form(token: string, chosen: number | null, comment: string | null, error?: string): string {
  const options = [];
  for (let rating = CSAT_MAX_RATING; rating >= CSAT_MIN_RATING; rating -= 1) {
    options.push(`<label><input type="radio" name="rating" value="${rating}"${chosen === rating ? ' checked' : ''} required> ${rating} — ${escapeHtml(RATING_WORDS[rating]!)}</label>`);
  }
  return (
    (error ? `<p role="alert">${escapeHtml(error)}</p>` : '') +
    `<form method="post" action="/csat/${escapeHtml(token)}">` +
    `<fieldset><legend>Как мы вам помогли? / How did we do?</legend>${options.join('')}</fieldset>` +
    `<label for="comment">Комментарий (необязательно) / Comment (optional)</label>` +
    `<textarea id="comment" name="comment" maxlength="${CSAT_COMMENT_MAX}">${escapeHtml(comment ?? '')}</textarea>` +
    `<button type="submit">Отправить / Send</button></form>`
  );
}

export function registerCsatLinkRoutes(app: FastifyInstance, deps: CsatLinkRouteDeps): void {
  const survey = async (token: string): Promise<SurveyFacts | null> => {
    const surveyId = surveyOfLinkToken(deps.secret, token);
    if (!surveyId) return null;
    const { rows } = await deps.pg.query<SurveyFacts>('SELECT id, conversation_id, customer_id, rating, comment, editable_until FROM csat_surveys WHERE id = $1', [surveyId]);
    return rows[0] ?? null;
  };

  void app.register(async (scope) => {
    // The form posts application/x-www-form-urlencoded: read here only, small.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.get<{ Params: { token: string }; Querystring: { rating?: string } }>('/csat/:token', { schema: { hide: true } }, async (request, reply) => {
      const found = await survey(request.params.token);
      if (!found) return notFound(reply);
      if (Date.now() >= found.editable_until.getTime()) return closed(reply, found.editable_until);
      const asked = Number(request.query.rating);
      const chosen = Number.isInteger(asked) && asked >= CSAT_MIN_RATING && asked <= CSAT_MAX_RATING ? asked : found.rating;
      return page(reply, 200, 'Оцените, как мы помогли / Rate our help', form(request.params.token, chosen, found.comment));
    });

    scope.post<{ Params: { token: string }; Body: Record<string, string> | undefined }>('/csat/:token', { schema: { hide: true } }, async (request, reply) => {
      const found = await survey(request.params.token);
      if (!found) return notFound(reply);
      const fields = request.body && typeof request.body === 'object' ? request.body : {};
      const parsed = submitCsatInput.safeParse({ rating: Number(fields.rating), comment: fields.comment ?? null });
      if (!parsed.success) {
        return page(reply, 422, 'Оцените, как мы помогли / Rate our help', form(request.params.token, found.rating, fields.comment ?? found.comment, 'Выберите оценку от 1 до 5; комментарий — до 1000 знаков. / Choose a rating of 1 to 5; a comment of up to 1000 characters.'));
      }
      try {
        const { survey: answered, changed } = await deps.surveys.answer(found.customer_id, found.conversation_id, found.id, parsed.data);
        if (changed) {
          deps.io().to(rooms.conversationAgents(answered.conversationId)).emit('csat:updated', answered);
          deps.io().to(rooms.conversationCustomer(answered.conversationId)).emit('csat:updated', toCustomerCsatSurvey(answered));
        }
        return page(reply, 200, 'Спасибо за оценку! / Thank you!', `<p>Ваша оценка: ${answered.rating}. / Your rating: ${answered.rating}.</p><p class="note">Изменить её можно по той же ссылке в течение суток. / You may change it with the same link within a day.</p>`);
      } catch (error) {
        if (error instanceof SmartchatError && error.code === 'SC_ERR_CSAT_CLOSED') return closed(reply, found.editable_until);
        if (error instanceof SmartchatError && error.code === 'SC_ERR_CSAT_SURVEY_NOT_FOUND') return notFound(reply);
        throw error;
      }
    });
  });
}
