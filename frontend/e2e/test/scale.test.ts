// The console at desk scale: a list of 10,000 conversations and a thread of 5,000 messages stay
// virtualised (only the rows in view exist in the DOM) and page in completely and in order. The
// first-render and scroll timings are measured here and written to
// var/test-results/frontend-perf.json (reported, not asserted: speed belongs in reports).
import { repoRoot } from '@smartchat/platform';
import { TestResources } from '@smartchat/platform/testing';
import { call } from '@smartchat/chat/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginToConsole, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { PASSWORD, startStack, type Stack } from './support/stack.js';

const LIST_SIZE = 10_000;
const THREAD_SIZE = 5_000;

const resources = new TestResources();
let stack: Stack;
let browser: Browser;
let watched: WatchedPage;
let bigConversation: string;
const report: Record<string, unknown> = { listSize: LIST_SIZE, threadSize: THREAD_SIZE };

/** Scrolls an element by `step` px per animation frame, `frames` times; frame-to-frame times in ms. */
async function scrollFrames(page: Page, selector: string, step: number, frames: number): Promise<{ p50: number; p95: number; max: number }> {
  const deltas = await page.evaluate(
    ({ selector, step, frames }) =>
      new Promise<number[]>((resolve) => {
        const element = document.querySelector(selector)!;
        const times: number[] = [];
        let last = performance.now();
        let n = 0;
        const tick = (now: number) => {
          times.push(now - last);
          last = now;
          element.scrollTop += step;
          if (++n < frames) requestAnimationFrame(tick);
          else resolve(times.slice(1));
        };
        requestAnimationFrame(tick);
      }),
    { selector, step, frames },
  );
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

beforeAll(async () => {
  // One customer writes the 5,000 messages as fast as the path takes them: no per-sender limit here.
  stack = await startStack(resources, { env: { SMARTCHAT_SEND_LIMIT_PER_10S: '100000' } });
  browser = await launchBrowser();
  const { pg } = stack.cluster;
  await pg.query(`INSERT INTO customers (external_id, name, email) SELECT 'scale-' || n, 'Клиент ' || n, 'scale-' || n || '@example.test' FROM generate_series(1, $1) AS n`, [LIST_SIZE]);
  await pg.query(
    `INSERT INTO conversations (customer_id, channel, team_id, status, priority, topic, created_at, updated_at, last_message_at, waiting_since, last_public_kind, last_public_preview, last_public_at)
     SELECT c.id, 'widget', $1, 'open', (n % 4), 'Тема ' || n, now() - n * interval '1 minute', now(), now() - n * interval '1 minute', now() - n * interval '1 minute', 'customer', 'Текст сообщения ' || n, now() - n * interval '1 minute'
       FROM customers c, LATERAL (SELECT substring(c.external_id from 7)::int AS n) AS numbered
      WHERE c.external_id LIKE 'scale-%'`,
    [stack.teamId],
  );
  // The long thread goes through the real message path, as a customer writing 5,000 times.
  const customerToken = await stack.cluster.customerToken('scale-thread', 'Очень длинный разговор');
  const opened = await stack.api<{ conversation: { id: string } }>(customerToken, 'POST', '/v1/conversations', { topic: 'Длинная переписка' });
  bigConversation = opened.conversation.id;
  const socket = await stack.cluster.socket(stack.chat[0]!, customerToken);
  const started = Date.now();
  const send = async (n: number) => {
    const ack = await call(socket, 'message:send', { conversationId: bigConversation, clientMessageId: `scale-message-${n}`, body: `сообщение ${n}` });
    if (!ack.ok) throw new Error(`send ${n}: ${ack.error.code}`);
  };
  // The first message alone, so it is the first in the thread; then windows of 50 at a time.
  await send(1);
  for (let from = 2; from <= THREAD_SIZE; from += 50) {
    await Promise.all(Array.from({ length: Math.min(50, THREAD_SIZE - from + 1) }, (_, i) => send(from + i)));
  }
  report.threadSeedSeconds = (Date.now() - started) / 1000;
  socket.disconnect();
  const admin = await stack.createAgent('Администратор', { role: 'admin' });
  watched = await openPage(browser);
  await loginToConsole(watched.page, stack.consoleUrl(), admin.email, PASSWORD, 'inbox/closed');
}, 600_000);

afterAll(async () => {
  if (Object.keys(report).length > 2) {
    const dir = join(repoRoot, 'var/test-results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'frontend-perf.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.error(`[frontend perf] ${JSON.stringify(report)}`);
  }
  await browser?.close();
  await resources.cleanup();
});

describe('the console at scale', () => {
  it('shows a list of 10,000 conversations virtualised and pages through all of it in order', async () => {
    const page = watched.page;
    const started = Date.now();
    await page.getByTestId('view-all').click();
    await page.getByTestId('conversation-row').first().waitFor();
    report.listFirstRenderMs = Date.now() - started;
    await expect.poll(() => page.getByTestId('count-all').innerText()).toBe(String(LIST_SIZE + 1));

    report.listScrollFirstPage = await scrollFrames(page, '[data-testid="conversation-list"]', 120, 60);
    // To the end: pages load as the end comes near, until all are in.
    const pagingStarted = Date.now();
    for (let i = 0; i < 400; i++) {
      const done = await page.evaluate(() => {
        const list = document.querySelector('[data-testid="conversation-list"]')!;
        list.scrollTop = list.scrollHeight;
        return list.scrollHeight;
      });
      await page.waitForTimeout(50);
      const rows = await page.evaluate(() => Number(document.querySelector('[data-testid="conversation-list"] > div')!.getBoundingClientRect().height));
      if (rows >= (LIST_SIZE + 1) * 76 && done) break;
    }
    report.listLoadAllMs = Date.now() - pagingStarted;
    const totalHeight = await page.evaluate(() => document.querySelector('[data-testid="conversation-list"] > div')!.getBoundingClientRect().height);
    expect(totalHeight).toBe((LIST_SIZE + 1) * 76);
    expect(await page.getByTestId('conversation-row').count()).toBeLessThan(60);
    report.listScrollLoaded = await scrollFrames(page, '[data-testid="conversation-list"]', -400, 90);
    await expect.poll(() => page.locator('.list-footer').innerText()).toBe(`${LIST_SIZE + 1} из ${LIST_SIZE + 1}`);
    await screenshot(page, 'console-10k-list');
  });

  it('opens a thread of 5,000 messages at its end and scrolls back to its start', async () => {
    const page = watched.page;
    const started = Date.now();
    await page.goto(`${stack.consoleUrl()}inbox/all/${bigConversation}`);
    await page.getByTestId('message').first().waitFor();
    report.threadFirstRenderMs = Date.now() - started;
    report.threadScrollNewest = await scrollFrames(page, '[data-testid="thread"]', -150, 60);

    const upStarted = Date.now();
    for (let i = 0; i < 600; i++) {
      const atStart = await page.evaluate(() => {
        const thread = document.querySelector('[data-testid="thread"]')!;
        thread.scrollTop = 0;
        return Boolean(document.querySelector('[data-testid="thread-start"]'));
      });
      if (atStart) break;
      await page.waitForTimeout(60);
    }
    report.threadLoadAllMs = Date.now() - upStarted;
    await page.getByTestId('thread-start').waitFor();
    expect(await page.getByTestId('message').count()).toBeLessThan(80);
    const firstShown = await page.evaluate(() => [...document.querySelectorAll('[data-testid="message"] .message-body')].map((element) => element.textContent)[0]);
    expect(firstShown).toBe('сообщение 1');
    report.threadScrollLoaded = await scrollFrames(page, '[data-testid="thread"]', 300, 90);
    await screenshot(page, 'console-5k-thread');
    expect(watched.errors).toEqual([]);
  });
});
