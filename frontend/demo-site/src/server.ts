// The demo site: a stand-in for the travel company's customer account site and back-office.
//   GET /                       the account page of a demo customer (?customer=<externalId>), which
//                               signs a fresh customer token and embeds the widget with one script tag
//   GET /demo.css               its styles
//   GET /customers/:externalId  the back-office's card of a customer for the agents' console (JSON)
// and, with a DemoBackoffice (backoffice.ts), the back-office's side of the integration:
//   POST /trips/delay           "delay my flight": a signed trip.changed event to Smartchat
//   POST /documents/send        "send the reconciliation act": a document.ready event with a PDF
//   POST /webhooks              Smartchat's webhooks, verified (401 when the signature fails)
//   GET  /webhooks              the webhooks received, newest first
//   POST /actions/acts          the agents' action "request a reconciliation act" (signed by Smartchat)
//   GET  /trips/:tripId, /acts/:n   what the agents' links open
// node:http only; nothing in it is a real account.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signCustomerToken } from '@smartchat/chat/tokens';
import { backofficeCard, demoCustomers, type DemoCustomer } from './customers.js';
import type { DemoBackoffice } from './backoffice.js';
import { renderAccountPage, renderNotFoundPage, renderSimplePage, renderWebhooksPage } from './page.js';

/** A page view's token lasts a working day; the widget gets a new one on the next page load. */
const CUSTOMER_TOKEN_TTL_SECONDS = 12 * 3600;

export interface DemoSiteOptions {
  host?: string;
  /** 0 for any free port. */
  port: number;
  /** Where chat serves /widget/loader.js (its public URL). */
  chatUrl: string;
  /** The secret shared with chat (SMARTCHAT_CUSTOMER_TOKEN_SECRET). */
  customerTokenSecret: string;
  /** Checks the Authorization header of a back-office data request; without it the data is open. */
  authorizeBackoffice?: (authorizationHeader: string | undefined) => Promise<boolean>;
  /** Replaces the built-in demo customers (tests, other demos). */
  customers?: readonly DemoCustomer[];
  /** The back-office's side of the integration; without it only the pages and the card are served. */
  backoffice?: DemoBackoffice;
}

/** The most a form, a webhook or an action call may send. */
const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export interface DemoSite {
  url: string;
  close(): Promise<void>;
}

const stylesheet = readFile(new URL('../public/demo.css', import.meta.url), 'utf8');

export async function startDemoSite(options: DemoSiteOptions): Promise<DemoSite> {
  const chatUrl = publicUrl(options.chatUrl);
  const customers = options.customers ?? demoCustomers;
  const css = await stylesheet;
  let siteUrl = '';

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://demo.invalid');
    const backoffice = options.backoffice;
    if (request.method === 'POST' && backoffice) return handlePost(request, response, url, backoffice);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { error: { code: 'SC_ERR_VALIDATION', message: 'Only GET' } });

    if (url.pathname === '/') {
      const externalId = url.searchParams.get('customer') ?? customers[0]?.externalId;
      const customer = customers.find((candidate) => candidate.externalId === externalId);
      if (!customer) return sendHtml(response, 404, renderNotFoundPage(customers), chatUrl);
      const token = await signCustomerToken(options.customerTokenSecret, { externalId: customer.externalId, name: customer.name, email: customer.email }, CUSTOMER_TOKEN_TTL_SECONDS);
      const notice = url.searchParams.get('sent');
      const trip = backoffice?.tripOf(customer.externalId);
      return sendHtml(response, 200, renderAccountPage({ customer, customers, token, chatUrl, ...(trip ? { demoTrip: { departure: trip.departure, version: trip.version } } : {}), ...(notice ? { notice } : {}) }), chatUrl);
    }
    if (backoffice && url.pathname === '/webhooks') return sendHtml(response, 200, renderWebhooksPage(backoffice.webhooks()), chatUrl);
    const tripPage = /^\/trips\/([A-Za-z0-9._:-]{1,100})$/.exec(url.pathname);
    if (backoffice && tripPage) return sendHtml(response, 200, renderSimplePage(`Поездка ${tripPage[1]!}`, 'Карточка поездки в бэк-офисе (демо): маршрут Москва → Сочи, рейс SU 1234.'), chatUrl);
    const actPage = /^\/acts\/(\d{1,9})$/.exec(url.pathname);
    if (backoffice && actPage) return sendHtml(response, 200, renderSimplePage(`Запрос акта сверки №${actPage[1]!}`, 'Запрос принят бэк-офисом (демо); акт будет готов завтра.'), chatUrl);
    if (url.pathname === '/demo.css') {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
      return response.end(css);
    }
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204, { 'cache-control': 'max-age=86400' });
      return response.end();
    }
    const card = /^\/customers\/([^/]+)$/.exec(url.pathname);
    if (card) {
      if (options.authorizeBackoffice && !(await options.authorizeBackoffice(request.headers.authorization))) {
        return sendJson(response, 401, { error: { code: 'SC_ERR_AUTH_REQUIRED', message: 'A back-office service token is required' } });
      }
      const externalId = decodeURIComponent(card[1]!);
      const customer = customers.find((candidate) => candidate.externalId === externalId);
      if (!customer) return sendJson(response, 404, { error: { code: 'SC_ERR_NOT_FOUND', message: 'No such customer' } });
      return sendJson(response, 200, backofficeCard(customer, siteUrl));
    }
    return sendJson(response, 404, { error: { code: 'SC_ERR_NOT_FOUND', message: 'Not found' } });
  };

  /** The back-office's POST routes: forms from the account page, and what Smartchat sends. */
  const handlePost = async (request: IncomingMessage, response: ServerResponse, url: URL, backoffice: DemoBackoffice) => {
    const body = await readBody(request);
    if (!body) return sendJson(response, 413, { error: { code: 'SC_ERR_BODY_TOO_LARGE', message: 'Too large' } });
    if (url.pathname === '/webhooks') {
      const accepted = await backoffice.receiveWebhook(request.headers, body);
      return sendJson(response, accepted ? 200 : 401, accepted ? { received: true } : { error: { code: 'SC_ERR_AUTH_REQUIRED', message: 'Bad signature' } });
    }
    if (url.pathname === '/actions/acts') {
      const answer = await backoffice.runAction(request.headers, body, siteUrl);
      return sendJson(response, answer ? 200 : 401, answer ?? { error: { code: 'SC_ERR_AUTH_REQUIRED', message: 'Bad signature' } });
    }
    if (url.pathname === '/trips/delay' || url.pathname === '/documents/send') {
      const externalId = new URLSearchParams(body.toString('utf8')).get('customer') ?? '';
      const customer = customers.find((candidate) => candidate.externalId === externalId);
      if (!customer) return sendHtml(response, 404, renderNotFoundPage(customers), chatUrl);
      let sent: string;
      try {
        const eventId = url.pathname === '/trips/delay' ? await backoffice.delayFlight(customer) : await backoffice.sendDocument(customer);
        sent = `Событие отправлено в Smartchat (${eventId})`;
      } catch (error) {
        sent = `Не отправлено: ${(error as Error).message}`;
      }
      response.writeHead(303, { location: `/?customer=${encodeURIComponent(customer.externalId)}&sent=${encodeURIComponent(sent)}`, 'cache-control': 'no-store' });
      return response.end();
    }
    return sendJson(response, 404, { error: { code: 'SC_ERR_NOT_FOUND', message: 'Not found' } });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('demo site: request failed', error);
      if (!response.headersSent) sendJson(response, 500, { error: { code: 'SC_ERR_INTERNAL', message: 'Internal error' } });
      else response.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  siteUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: siteUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The chat URL as written into pages: http(s) only, no trailing slash. */
function publicUrl(raw: string): string {
  const parsed = new URL(raw);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`chatUrl must be http(s): ${raw}`);
  return parsed.toString().replace(/\/+$/, '');
}

function sendHtml(response: ServerResponse, status: number, html: string, chatUrl: string): void {
  const chat = new URL(chatUrl).origin;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    // The page itself runs no script of its own: only the loader from chat, which adds chat's frame.
    'content-security-policy': `default-src 'self'; script-src ${chat}; frame-src ${chat}; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  });
  response.end(html);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(JSON.stringify(body));
}
