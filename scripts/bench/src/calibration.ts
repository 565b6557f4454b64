// How fast this machine is at the moment of a run, so that runs on different days (or machines)
// can be compared: the same commit has sustained 750 msg/s on one day and 1,500 on the next here.
// Measured before the chat processes start:
// - a loopback round trip: one byte to another process over TCP and back, with both processes on
//   one core and on two. Every hop of the message path (client, chat, Redis, RabbitMQ, Cassandra,
//   Postgres, Kafka) pays such wake-ups, and on a virtual machine they are what varies most (here a
//   wake-up of the other, idle core costs several times a switch on the same one);
// - a JSON round trip (stringify + parse) of a message-sized object: plain CPU of one core.
// Each is the fastest of several rounds: a moment of other work on the machine (a dependency
// flushing, a JIT compiling) slows some rounds, not the machine's speed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';

export interface Calibration {
  /**
   * One byte to another process over loopback TCP and back, microseconds: both processes on the
   * same core, and on different cores (null when `taskset` is missing or there is one core). On a
   * virtual machine a wake-up of the other, idle core costs far more than a switch on the same one.
   */
  loopbackRoundTripUs: { sameCore: number | null; otherCore: number | null };
  /** JSON.stringify + JSON.parse of a ~350-byte message, microseconds. */
  jsonRoundTripUs: number;
}

const ROUNDS = 7;
const TRIPS_PER_ROUND = 1000;
const JSON_PER_ROUND = 20_000;

// The two sides of the round trip, each a process of its own pinned to a core by taskset.
const ECHO_SERVER = `
const server = require('node:net').createServer((socket) => { socket.setNoDelay(true); socket.on('data', (chunk) => socket.write(chunk)); });
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
`;
const ECHO_CLIENT = `
const socket = require('node:net').connect({ host: '127.0.0.1', port: Number(process.argv[1]), noDelay: true });
const trips = (count) => new Promise((resolve) => {
  let left = count; const started = process.hrtime.bigint();
  socket.on('data', function onData() {
    left -= 1;
    if (left > 0) return void socket.write('x');
    socket.off('data', onData);
    resolve(Number(process.hrtime.bigint() - started) / 1000 / count);
  });
  socket.write('x');
});
socket.on('connect', async () => {
  await trips(200);
  const rounds = [];
  for (let round = 0; round < ${ROUNDS}; round += 1) rounds.push(await trips(${TRIPS_PER_ROUND}));
  process.stdout.write(Math.min(...rounds) + '\\n');
  socket.destroy();
});
`;

/** The first line a child writes, or an error if it exits first or takes longer than 20 s. */
async function firstLine(child: ChildProcess, what: string): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  try {
    const exited = once(child, 'exit').then(() => Promise.reject(new Error(`${what} exited without an answer`)));
    const timedOut = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within 20 s`)), 20_000).unref());
    const [line] = (await Promise.race([once(lines, 'line'), exited, timedOut])) as [string];
    return line;
  } finally {
    lines.close();
  }
}

async function loopbackRoundTripUs(serverCore: number, clientCore: number): Promise<number> {
  const pinned = (core: number, args: string[]) => spawn('taskset', ['-c', String(core), process.execPath, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const echo = pinned(serverCore, ['-e', ECHO_SERVER]);
  try {
    const port = await firstLine(echo, 'the echo server');
    const client = pinned(clientCore, ['-e', ECHO_CLIENT, port]);
    try {
      return Number(await firstLine(client, 'the echo client'));
    } finally {
      client.kill();
    }
  } finally {
    echo.stdin!.end();
    echo.kill();
  }
}

function hasTaskset(): boolean {
  return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

function jsonRoundTripUs(): number {
  const message = {
    id: '0f1e2d3c-4b5a-11ef-8000-0123456789ab',
    conversationId: '6f9619ff-8b86-4d01-b42d-00cf4fc964ff',
    kind: 'customer',
    author: { type: 'customer', id: 'c1a2b3c4-0000-4000-8000-000000000001', name: 'Иван Петров' },
    body: 'Hello, my train was cancelled, can you rebook me for tomorrow morning?',
    clientMessageId: 'bench-0001-000123',
    createdAt: '2026-12-03T10:00:00.000Z',
    editedAt: null,
    deleted: false,
    attachments: [],
  };
  let sink = 0;
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round += 1) {
    const started = process.hrtime.bigint();
    for (let index = 0; index < JSON_PER_ROUND; index += 1) {
      message.clientMessageId = `bench-0001-${index}`;
      sink += (JSON.parse(JSON.stringify(message)) as { body: string }).body.length;
    }
    // The first round warms the JIT and is not counted.
    if (round > 0) rounds.push(Number(process.hrtime.bigint() - started) / 1000 / JSON_PER_ROUND);
  }
  if (sink === 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return Math.min(...rounds);
}

/** The figures, rounded to a tenth of a microsecond (a second or two of work in all). */
export async function calibrate(): Promise<Calibration> {
  const round = (value: number) => Math.round(value * 10) / 10;
  // First, while no helper process is starting or exiting.
  const json = round(jsonRoundTripUs());
  const pinning = hasTaskset();
  const sameCore = pinning ? round(await loopbackRoundTripUs(0, 0)) : null;
  const otherCore = pinning && cpus().length > 1 ? round(await loopbackRoundTripUs(1, 0)) : null;
  return { loopbackRoundTripUs: { sameCore, otherCore }, jsonRoundTripUs: json };
}

/** calibrate(), logged; null (and a line saying why) when it cannot be measured. */
export async function measureMachine(log: (text: string) => void): Promise<Calibration | null> {
  try {
    const calibration = await calibrate();
    const { sameCore, otherCore } = calibration.loopbackRoundTripUs;
    log(`machine: loopback round trip ${sameCore ?? '-'} µs on one core, ${otherCore ?? '-'} µs across cores; JSON round trip ${calibration.jsonRoundTripUs} µs`);
    return calibration;
  } catch (error) {
    log(`machine speed not measured (${error instanceof Error ? error.message : String(error)}); the report goes without it`);
    return null;
  }
}

/** The report's line on the machine's speed. */
export function describeCalibration(calibration: Calibration): string {
  const trip = (us: number | null) => (us === null ? 'not measured' : `${us} µs`);
  const { sameCore, otherCore } = calibration.loopbackRoundTripUs;
  return `Machine speed before the run (compare runs only when these agree): loopback round trip between two processes ${trip(sameCore)} on one core, ${trip(otherCore)} across cores; JSON round trip of a message ${calibration.jsonRoundTripUs} µs.`;
}
