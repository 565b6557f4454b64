// The mail profile's report, in the conventions of ../assign/report.ts: JSON for tools
// (bench-results/mail-<timestamp>.json and mail-latest.json) and a Markdown summary (mail-latest.md).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeCalibration, type Calibration } from '../calibration.js';
import type { LatencySummary } from '../protocol.js';
import type { ProcessFigures } from '../sampler.js';
import type { InboxCheck } from './inboxes.js';

export interface ErrorCount {
  total: number;
  byCode: Record<string, number>;
}

export interface IntakeStep {
  label: string;
  /** Offered rate; null for the burst. */
  ratePerSec: number | null;
  planned: number;
  /** Sends started, and answered 250 by the mail role's listener. */
  sent: number;
  accepted: number;
  smtpErrors: ErrorCount;
  /** Answers never sent because no thread was open for them in time (a bench problem, not a loss). */
  answersNotSent: number;
  /** First send started → last send answered. */
  sendingS: number;
  acceptedPerSec: number;
  /** Finished messages per second, from the first one's received_at to the last one's processed_at. */
  processedPerSec: number;
  /** After the last 250, until every accepted message was finished and readable (or the limit). */
  settledInS: number;
  settled: boolean;
  outcomes: Record<string, number>;
  /** Accepted (250) and still 'stored' when the step was judged: not processed. */
  stillStored: number;
  /** Accepted (250) without a mail_received row: lost. */
  absent: number;
  /** Processed into a conversation, but its message.created event never came: not readable. */
  notVisible: number;
  /** A first message that did not open a conversation, or an answer not joined to its thread's. */
  misthreaded: number;
  generatorMaxLagMs: number;
  /** sendMail called → resolved (the listener's 250), client clock. */
  smtpAcceptMs: LatencySummary;
  /** mail_received.processed_at − received_at, Postgres' clock. */
  intakeMs: LatencySummary;
  /** The 250 → the chat message's message.created event read from Kafka, the bench's clock. */
  visibleMs: LatencySummary;
  cpuPercent: Record<string, number>;
  machineBusyPercent: number;
}

export interface OutboundStep {
  ratePerSec: number;
  planned: number;
  /** POSTs answered 202. */
  posted: number;
  postErrors: ErrorCount;
  /** Of the posted replies, by final mail_outbound state ('missing': never queued). */
  states: Record<string, number>;
  sent: number;
  /** Posted but not sent when the step was judged. */
  notSent: number;
  /** Sent after more than one attempt. */
  retried: number;
  /** Replies whose message.created event never came (their queue latency is unknown). */
  withoutEvent: number;
  postingS: number;
  /** Sent replies per second, from the first accept to the last sent_at. */
  sentPerSec: number;
  settledInS: number;
  settled: boolean;
  /** POST → 202, client clock. */
  postMs: LatencySummary;
  /** mail_outbound.created_at − the event's data.acceptedAt: the path through Kafka to the queue. */
  queueMs: LatencySummary;
  /** mail_outbound.sent_at − created_at: leasing, reading the message, SMTP to the mail server. */
  sendMs: LatencySummary;
  /** sent_at − data.acceptedAt. */
  endToEndMs: LatencySummary;
  inboxes: InboxCheck | null;
  cpuPercent: Record<string, number>;
  machineBusyPercent: number;
}

export interface MailReport {
  profile: 'mail';
  description: string;
  startedAt: string;
  commit: string | null;
  wallClockS: number;
  setup: {
    chatProcesses: number;
    mailProcesses: number;
    balancerProcesses: number;
    smtpConnections: number;
    customerAddresses: number;
    eventsTopic: string;
    mailServer: string;
  };
  /** Correctness failures (exit code 1): messages lost or not processed, replies not sent or not received as sent. */
  failures: string[];
  intake: IntakeStep[];
  outbound: OutboundStep | null;
  /** CPU over every step's window together, peak memory over the run. */
  processes: ProcessFigures[];
  machine: { cores: number; busyPercentAvg: number; calibration: Calibration | null };
  warnings: string[];
}

const ms = (summary: LatencySummary) => `${summary.p50} / ${summary.p95} / ${summary.p99} / ${summary.max}`;
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ') || '—';
/** The processes under test, in the order of the CPU column. */
const UNDER_TEST = ['chat-1', 'mail', 'balancer-1'];
const underTest = (cpu: Record<string, number>) => UNDER_TEST.map((name) => cpu[name] ?? '—').join(' / ');
const busiestOthers = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .filter(([name]) => !UNDER_TEST.includes(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');

function headline(report: MailReport): string[] {
  const lines: string[] = [];
  const paced = report.intake.filter((step) => step.ratePerSec !== null);
  const fastest = paced.at(-1);
  const burst = report.intake.find((step) => step.ratePerSec === null);
  const received = report.intake.reduce((sum, step) => sum + step.accepted, 0);
  const unfinished = report.intake.reduce((sum, step) => sum + step.stillStored + step.absent + step.notVisible, 0);
  if (fastest) lines.push(`- **Intake at ${fastest.ratePerSec}/s:** processed p50 ${fastest.intakeMs.p50} ms, p99 ${fastest.intakeMs.p99} ms after it was recorded; readable in the inbox p99 ${fastest.visibleMs.p99} ms after the SMTP 250.`);
  if (burst) lines.push(`- **Intake as fast as it goes:** ${burst.acceptedPerSec} messages/s accepted over SMTP, ${burst.processedPerSec} messages/s processed; processed p99 ${burst.intakeMs.p99} ms, readable p99 ${burst.visibleMs.p99} ms.`);
  lines.push(`- **Every received message:** ${received} accepted over SMTP, ${unfinished === 0 ? 'every one finished with one outcome and, when it became a message, readable' : `**${unfinished} not processed or not readable**`}.`);
  const out = report.outbound;
  if (out) {
    const inbox = out.inboxes ? `; customers' mailboxes: ${out.inboxes.matched} of ${out.inboxes.expected} received in their thread` : '';
    lines.push(`- **Outbound at ${out.ratePerSec}/s:** accepted → sent p50 ${out.endToEndMs.p50} ms, p99 ${out.endToEndMs.p99} ms; ${out.sent} of ${out.posted} replies sent${inbox}.`);
  }
  return lines;
}

export function renderMailMarkdown(report: MailReport): string {
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  const { setup } = report;
  lines.push('# Smartchat bench: `mail`', '');
  lines.push(
    `${report.startedAt} · commit ${report.commit ?? 'unknown'} · ${setup.chatProcesses} chat process, ${setup.mailProcesses} mail process, ${setup.balancerProcesses} balancer · ${report.machine.cores} cores, busy ${report.machine.busyPercentAvg}% on average over the steps · run ${report.wallClockS} s`,
    '',
  );
  if (report.machine.calibration) lines.push(describeCalibration(report.machine.calibration), '');
  lines.push(`${report.description}.`, '');
  if (report.failures.length > 0) {
    lines.push('## CORRECTNESS FAILURES', '');
    for (const failure of report.failures) lines.push(`- **${failure}**`);
    lines.push('');
  }
  for (const warning of report.warnings) lines.push(`> **Warning:** ${warning}`, '');
  lines.push('## Headline', '', ...headline(report), '');

  lines.push('## Intake (received mail → conversation)', '');
  row('step', 'accepted / sent', 'SMTP errors', 'accepted/s', 'processed/s', 'SMTP 250 p50 / p95 / p99 / max ms', 'processed p50 / p95 / p99 / max ms', 'readable p50 / p95 / p99 / max ms', 'settled after', 'CPU % chat / mail / balancer', 'busiest others (CPU %)', 'machine busy');
  row('---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---:');
  for (const step of report.intake) {
    row(
      step.label,
      `${step.accepted} / ${step.sent}`,
      step.smtpErrors.total > 0 ? `${step.smtpErrors.total} (${counts(step.smtpErrors.byCode)})` : '0',
      step.acceptedPerSec,
      step.processedPerSec,
      ms(step.smtpAcceptMs),
      ms(step.intakeMs),
      ms(step.visibleMs),
      `${step.settledInS} s${step.settled ? '' : ' (**limit**)'}`,
      underTest(step.cpuPercent),
      busiestOthers(step.cpuPercent),
      `${step.machineBusyPercent}%`,
    );
  }
  lines.push('', 'Outcomes (every accepted message must end with exactly one):', '');
  row('step', 'outcomes', 'still stored', 'no record', 'not readable', 'misthreaded', 'answers not sent (bench)', 'sender max lag ms');
  row('---', '---', '---:', '---:', '---:', '---:', '---:', '---:');
  for (const step of report.intake) row(step.label, counts(step.outcomes), step.stillStored, step.absent, step.notVisible, step.misthreaded, step.answersNotSent, step.generatorMaxLagMs);
  lines.push(
    '',
    '*SMTP 250*: `sendMail` called → resolved, on the bench (the mail role answers 250 once the raw message is on disk and recorded). ' +
      '*Processed*: `mail_received.processed_at − received_at` (Postgres `now()` of the record and of the outcome: parse, thread, open or join the conversation, hand the message to the chat path). ' +
      '*Readable*: the 250 → the bench reading the `message.created` event of the message the mail became (`mail_received.chat_message_id`) on the run\'s events topic; the chat process writes it once the message is stored in Cassandra and handed to the sockets, so it is readable through the REST API from then on. ' +
      'Half of each step opens a thread, half answers one whose first message is already a conversation (In-Reply-To and References name it, the first quoted below): the first must end `new_conversation`, the answer `joined` to that conversation.',
    '',
    'CPU: 100% = one core, averaged over the step (from its first send until it settled); `bench` is this process (the SMTP and REST clients, the polls), `other` what the machine used besides the sampled processes.',
    '',
  );

  const out = report.outbound;
  if (out) {
    lines.push('## Outbound (agent reply → customer mailbox)', '');
    row('rate', 'posted / planned', 'POST errors', 'sent', 'states', 'sent/s', 'POST p50 / p99 ms', 'queue p50 / p95 / p99 / max ms', 'send p50 / p95 / p99 / max ms', 'accepted → sent p50 / p95 / p99 / max ms', 'settled after', 'CPU % chat / mail / balancer', 'busiest others (CPU %)', 'machine busy');
    row('---:', '---:', '---:', '---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---', '---:');
    row(
      `${out.ratePerSec}/s`,
      `${out.posted} / ${out.planned}`,
      out.postErrors.total > 0 ? `${out.postErrors.total} (${counts(out.postErrors.byCode)})` : '0',
      out.sent,
      counts(out.states),
      out.sentPerSec,
      `${out.postMs.p50} / ${out.postMs.p99}`,
      ms(out.queueMs),
      ms(out.sendMs),
      ms(out.endToEndMs),
      `${out.settledInS} s${out.settled ? '' : ' (**limit**)'}`,
      underTest(out.cpuPercent),
      busiestOthers(out.cpuPercent),
      `${out.machineBusyPercent}%`,
    );
    lines.push('');
    if (out.inboxes) {
      const inbox = out.inboxes;
      lines.push(
        `Customers' mailboxes read back over IMAP: ${inbox.mailboxes} mailboxes, ${inbox.expected} replies expected, ${inbox.received} messages found; ${inbox.matched} matched with the right In-Reply-To, ${inbox.missing} missing, ${inbox.unexpected} unexpected, ${inbox.wrongInReplyTo} with a wrong In-Reply-To.`,
        '',
      );
      for (const example of inbox.examples) lines.push(`- ${example}`);
      if (inbox.examples.length > 0) lines.push('');
    }
    lines.push(
      '*Queue*: `mail_outbound.created_at − data.acceptedAt` of the reply\'s `message.created` event (accepted by the chat process → stored → event on Kafka → the mail role\'s consumer group → queued). ' +
        '*Send*: `sent_at − created_at` (leased, the message read from Cassandra, SMTP to the local mail server, its 250). Retried replies: ' +
        `${out.retried}; replies without a \`message.created\` event: ${out.withoutEvent}.`,
      '',
    );
  }

  lines.push('## Processes', '', 'CPU: 100% = one core, averaged over all steps (max = busiest sample). Memory: peak over the run (process + private memory of its children).', '');
  row('process', 'pid', 'CPU avg %', 'CPU max %', 'peak RSS MB');
  row('---', '---:', '---:', '---:', '---:');
  for (const process of [...report.processes].sort((a, b) => b.cpuPercentAvg - a.cpuPercentAvg)) row(process.name, process.pid, process.cpuPercentAvg, process.cpuPercentMax, process.peakRssMb);
  lines.push('', '## Environment', '');
  lines.push(
    `- ${setup.chatProcesses} chat process, ${setup.mailProcesses} mail process (\`services/chat/src/mail-main.ts\`), ${setup.balancerProcesses} balancer, in the bench's isolated environment (database and keyspace \`smartchat_bench\`, vhost \`smartchat-bench\`, a private Redis, blobs in a temporary directory).`,
    `- Events topic \`${setup.eventsTopic}\` (the run's own, deleted afterwards): the chat process and the balancer write it, the mail role and the bench read it.`,
    `- One support mailbox, inbound by SMTP relay to the mail role's listener (${setup.smtpConnections} pooled connections from the bench), outbound to the local mail server (GreenMail, ${setup.mailServer}); no acknowledgements; ${setup.customerAddresses} customer addresses.`,
    `- ${report.machine.cores} cores; machine busy ${report.machine.busyPercentAvg}% over the steps.`,
    '',
  );
  return lines.join('\n');
}

export function writeMailReport(dir: string, report: MailReport): { json: string; latest: string; markdown: string; text: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const paths = { json: join(dir, `mail-${stamp}.json`), latest: join(dir, 'mail-latest.json'), markdown: join(dir, 'mail-latest.md') };
  writeFileSync(paths.json, json);
  writeFileSync(paths.latest, json);
  const text = renderMailMarkdown(report);
  writeFileSync(paths.markdown, text);
  return { ...paths, text };
}
