// The assign profile's load generator (its own process, driven over IPC): keeps the agents online
// and opens conversations at each step's fixed rate, open-loop, one new customer token each.
import { signCustomerToken } from '../../../../services/chat/src/auth/tokens.js';
import { connectSocket, login, mapLimit, type BenchSocket } from '../loadgen/clients.js';
import type { ArrivalsConfig, FromArrivals, StepArrivals, StepOrder, ToArrivals } from './protocol.js';

const POST_TIMEOUT_MS = 15_000;
/** No team lists this topic, so every conversation goes to the default team. */
const TOPIC = 'Bench assignment';
const TOKEN_TTL_S = 3600;

const send = (message: FromArrivals) => process.send?.(message);
const log = (text: string) => send({ type: 'log', text });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let config: ArrivalsConfig | undefined;
const sockets: BenchSocket[] = [];
let socketDisconnects = 0;
let stopping = false;
let failuresLogged = 0;

/** One socket per agent for the whole run: an open agent socket is what puts the agent online. */
async function connectAgents(settings: ArrivalsConfig): Promise<void> {
  await mapLimit(settings.agents, 4, async ({ email, password }) => {
    const socket = await connectSocket(settings.node, await login(settings.node, email, password));
    socket.on('disconnect', (reason) => {
      if (stopping) return;
      // An agent whose socket dropped goes offline after the grace period: the figures would then measure staffing.
      socketDisconnects += 1;
      if (socketDisconnects <= 3) log(`agent socket disconnected: ${reason}`);
    });
    sockets.push(socket);
  });
}

type Opened = { id: string; ms: number } | { code: string };

async function openConversation(node: string, token: string): Promise<Opened> {
  const started = performance.now();
  try {
    const response = await fetch(`${node}/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ topic: TOPIC }),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 201) {
      if (failuresLogged++ < 5) log(`POST /v1/conversations: ${response.status} ${text.slice(0, 200)}`);
      const code = /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1];
      return { code: `http ${response.status}${code ? ` ${code}` : ''}` };
    }
    return { id: (JSON.parse(text) as { conversation: { id: string } }).conversation.id, ms };
  } catch (error) {
    if (failuresLogged++ < 5) log(`POST /v1/conversations: ${(error as Error).message}`);
    return { code: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
  }
}

async function runStep(settings: ArrivalsConfig, step: StepOrder): Promise<StepArrivals> {
  const count = Math.max(1, Math.round(step.ratePerSec * step.durationS));
  // Signed before the schedule starts, so that signing never delays an arrival.
  const tokens = await Promise.all(
    Array.from({ length: count }, (_, index) => signCustomerToken(settings.customerTokenSecret, { externalId: `bench-${settings.runId}-s${step.index}-${index}`, name: `Bench customer ${index}`, email: null }, TOKEN_TTL_S)),
  );
  const gapMs = 1000 / step.ratePerSec;
  const ids: (string | undefined)[] = new Array<string | undefined>(count);
  const openLatencyMs: number[] = [];
  const byCode = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let maxLagMs = 0;
  const lead = 20;
  const origin = performance.now() + lead;
  const startedAt = Date.now() + lead;
  for (let index = 0; index < count; index += 1) {
    const due = origin + index * gapMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    maxLagMs = Math.max(maxLagMs, performance.now() - due);
    // Open-loop: an arrival never waits for the ones before it, however slow the server gets.
    const attempt = openConversation(settings.node, tokens[index]!).then((outcome) => {
      if ('id' in outcome) {
        ids[index] = outcome.id;
        openLatencyMs.push(outcome.ms);
      } else {
        byCode.set(outcome.code, (byCode.get(outcome.code) ?? 0) + 1);
      }
    });
    const tracked = attempt.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  const errors = [...byCode.values()].reduce((sum, value) => sum + value, 0);
  return {
    index: step.index,
    startedAt,
    endsAt: startedAt + step.durationS * 1000,
    scheduled: count,
    opened: ids.filter((id): id is string => id !== undefined),
    openLatencyMs,
    errors: { total: errors, byCode: Object.fromEntries(byCode) },
    maxLagMs: Math.round(maxLagMs * 10) / 10,
  };
}

async function handle(message: ToArrivals): Promise<void> {
  switch (message.type) {
    case 'start':
      config = message.config;
      log(`connecting ${config.agents.length} agent sockets`);
      await connectAgents(config);
      send({ type: 'ready', agents: sockets.length });
      break;
    case 'step':
      if (!config) throw new Error('step before start');
      send({ type: 'step-done', result: await runStep(config, message.step) });
      break;
    case 'stop':
      stopping = true;
      for (const socket of sockets) socket.disconnect();
      process.send?.({ type: 'stopped', socketDisconnects } satisfies FromArrivals, () => process.exit(0));
      break;
  }
}

// Orders are handled one at a time, in the order they came.
let queue = Promise.resolve();
process.on('message', (message: ToArrivals) => {
  queue = queue
    .then(() => handle(message))
    .catch((error: unknown) => {
      send({ type: 'fatal', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      setTimeout(() => process.exit(2), 200);
    });
});
// The orchestrator went away: nothing left to report to.
process.on('disconnect', () => process.exit(3));
