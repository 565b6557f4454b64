// Refused attempts, audited in one place. Every REST route's errors pass through the error handler
// and every socket event's through the gateway's handler wrapper; both hand a refusal here, so no
// route can forget to log one. A refusal is an answer of status 403 (not allowed, a kind of message
// one may not send, a password change still required); "not found" is not logged, so probing ids
// cannot flood the log, and neither are missing or bad tokens (anonymous noise; failed sign-ins
// are logged by the sign-in route itself).
import { SmartchatError, type Identity } from '@smartchat/contracts';
import type { Logger } from '@smartchat/platform';
import { auditActor, type AuditLog } from './audit-log.js';

/** What a refused attempt was: the action's audit name and what it was about. */
export interface RefusalContext {
  action: string;
  target: string | null;
}

export function isRefusal(error: unknown): error is SmartchatError {
  return error instanceof SmartchatError && error.status === 403;
}

export class Refusals {
  constructor(private readonly audit: AuditLog, private readonly logger: Logger) {}

  /** Records a refusal; a failure to write is logged, never turned into another answer. */
  async record(identity: Identity | undefined, error: SmartchatError, context: RefusalContext, ip: string | null): Promise<void> {
    const details: Record<string, unknown> = { code: error.code, message: error.message };
    if (error.details && typeof error.details === 'object' && !Array.isArray(error.details)) Object.assign(details, error.details);
    try {
      await this.audit.record({ actor: auditActor(identity), action: context.action, target: context.target, outcome: 'denied', ip, details });
    } catch (failure) {
      this.logger.error({ err: failure, action: context.action }, 'could not audit a refused attempt');
    }
  }
}
