// The demo site: a stand-in for the travel company's customer account site and back-office.
//   GET /                       the account page of a demo customer (?customer=<externalId>), which
//                               signs a fresh customer token and embeds the widget with one script tag
//   GET /demo.css               its styles
//   GET /customers/:externalId  the back-office's card of a customer for the agents' console (JSON)
// node:http only; nothing in it is a real account.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signCustomerToken } from '@smartchat/chat/tokens';
import { backofficeCard, demoCustomers, type DemoCustomer } from './customers.js';
import { renderAccountPage, renderNotFoundPage } from './page.js';

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
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { error: { code: 'SC_ERR_VALIDATION', message: 'Only GET' } });

    if (url.pathname === '/') {
      const externalId = url.searchParams.get('customer') ?? customers[0]?.externalId;
      const customer = customers.find((candidate) => candidate.externalId === externalId);
      if (!customer) return sendHtml(response, 404, renderNotFoundPage(customers), chatUrl);
      const token = await signCustomerToken(options.customerTokenSecret, { externalId: customer.externalId, name: customer.name, email: customer.email }, CUSTOMER_TOKEN_TTL_SECONDS);
      return sendHtml(response, 200, renderAccountPage({ customer, customers, token, chatUrl }), chatUrl);
    }
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
