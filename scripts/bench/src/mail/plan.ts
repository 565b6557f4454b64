// PROFILE=mail: how many messages are received (and at which offered rates), how many agent replies
// are sent, and how long the bench waits for each step to settle, with MAIL_BENCH_* overrides.
import { numberFrom } from '../profiles.js';

export interface MailPlan {
  /** Received messages over all intake steps: half open a thread, half answer one. */
  messages: number;
  /** Distinct customer addresses the threads are spread over. */
  senders: number;
  /** The paced intake steps, in messages per second, each about as long as the others. */
  ratesPerSec: number[];
  /** One more step, as fast as `connections` SMTP connections go. */
  burst: boolean;
  /** SMTP connections to the mail role's listener (a relay's parallel deliveries). */
  connections: number;
  /** Agent replies posted over REST into the conversations the intake opened. */
  replies: number;
  replyRatePerSec: number;
  /** After a step's last send, how long everything may take to settle before what is missing counts as lost. */
  drainS: number;
}

export interface IntakeStepPlan {
  /** null: the burst. */
  ratePerSec: number | null;
  messages: number;
}

function ratesFrom(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === '') return [10, 40];
  const rates = raw.split(',').map((item) => Number(item.trim()));
  if (rates.some((rate) => !Number.isFinite(rate) || rate <= 0 || rate > 1000)) throw new Error(`MAIL_BENCH_RATES must be a comma-separated list of rates per second, each above 0 and at most 1000 (got ${raw})`);
  return rates;
}

export function resolveMailPlan(env: NodeJS.ProcessEnv): MailPlan {
  return {
    messages: numberFrom(env, 'MAIL_BENCH_MESSAGES', 400, 20, 5000),
    senders: numberFrom(env, 'MAIL_BENCH_SENDERS', 100, 1, 1000),
    ratesPerSec: ratesFrom(env.MAIL_BENCH_RATES),
    burst: (env.MAIL_BENCH_BURST ?? '1') !== '0',
    connections: numberFrom(env, 'MAIL_BENCH_CONNECTIONS', 4, 1, 32),
    replies: numberFrom(env, 'MAIL_BENCH_REPLIES', 200, 0, 5000),
    replyRatePerSec: numberFrom(env, 'MAIL_BENCH_REPLY_RATE', 20, 0.5, 500),
    drainS: numberFrom(env, 'MAIL_BENCH_DRAIN_S', 60, 5, 600),
  };
}

/**
 * The burst takes an equal share of the messages; the paced steps share the rest in proportion to
 * their rates, so that each lasts about as long (a faster step is not over before it is measured).
 */
export function intakeSteps(plan: MailPlan): IntakeStepPlan[] {
  const parts = plan.ratesPerSec.length + (plan.burst ? 1 : 0);
  const burst = plan.burst ? Math.floor(plan.messages / parts) : 0;
  const paced = plan.messages - burst;
  const totalRate = plan.ratesPerSec.reduce((sum, rate) => sum + rate, 0);
  const steps: IntakeStepPlan[] = plan.ratesPerSec.map((rate) => ({ ratePerSec: rate, messages: Math.floor((paced * rate) / totalRate) }));
  // Rounding leftovers go to the last paced step.
  const assigned = steps.reduce((sum, step) => sum + step.messages, 0);
  if (steps.length > 0) steps[steps.length - 1]!.messages += paced - assigned;
  if (plan.burst) steps.push({ ratePerSec: null, messages: burst });
  return steps.filter((step) => step.messages > 0);
}

export function describeMailPlan(plan: MailPlan): string {
  const steps = intakeSteps(plan)
    .map((step) => (step.ratePerSec === null ? `${step.messages} as fast as ${plan.connections} connections go` : `${step.messages} at ${step.ratePerSec}/s`))
    .join(', then ');
  return (
    `intake: ${plan.messages} messages relayed over SMTP (${plan.connections} connections) from ${plan.senders} customer addresses, half opening a thread and half answering one: ${steps}; ` +
    `outbound: ${plan.replies} agent replies over REST at ${plan.replyRatePerSec}/s, sent to the local mail server and read back over IMAP; ` +
    `each step settles within ${plan.drainS} s or what is missing counts as lost`
  );
}
