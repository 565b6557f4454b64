// The demo site playing the back-office for real, with the client the back-office team uses
// (@smartchat/client): it sends signed trip changes and documents, receives Smartchat's webhooks
// (verifying each) and shows them, and serves an agent action. Its credentials come from the file
// the seed writes (var/dev/demo-integration.json, read when needed, since the seed runs after the
// site starts); without it, the buttons say the integration is not set up.
import { createSmartchatClient, verifySmartchatRequest, type InboundEvent, type WebhookEvent } from '@smartchat/client';
import { readFile } from 'node:fs/promises';

export interface DemoIntegration {
  /** Where the back-office reaches Smartchat's API. */
  apiUrl: string;
  apiKey: string;
  /** The integration's signing secret: events are signed with it, action calls are checked with it. */
  signingSecret: string;
  /** The webhook endpoint's secret: webhooks are checked with it. */
  webhookSecret: string;
}

export interface ReceivedWebhook {
  receivedAt: string;
  webhookId: string;
  event: WebhookEvent;
}

/** Who the back-office's events are about, as it knows them. */
export interface DemoCustomerDetails {
  externalId: string;
  name: string;
  email: string;
}

const detailsOf = (customer: DemoCustomerDetails) => ({ name: customer.name, email: customer.email, timeZone: 'Europe/Moscow' as const, locale: 'ru' as const });

interface DemoTrip {
  tripId: string;
  version: number;
  departure: Date;
}

/** A one-page PDF (the smallest that readers open), the demo's reconciliation act. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export class DemoBackoffice {
  private readonly trips = new Map<string, DemoTrip>();
  private readonly received: ReceivedWebhook[] = [];
  private actionCount = 0;

  constructor(private readonly integration: () => Promise<DemoIntegration | null>) {}

  /** From a JSON file, or null while there is none (the seed has not run). */
  static fromFile(path: string): () => Promise<DemoIntegration | null> {
    return async () => {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as DemoIntegration;
      } catch {
        return null;
      }
    };
  }

  /** The customer's demo trip: departs tomorrow morning, unless delayed since. */
  tripOf(customerId: string): DemoTrip {
    let trip = this.trips.get(customerId);
    if (!trip) {
      const departure = new Date(Date.now() + 20 * 3600_000);
      departure.setUTCMinutes(0, 0, 0);
      trip = { tripId: `T-${customerId}`, version: 0, departure };
      this.trips.set(customerId, trip);
    }
    return trip;
  }

  /**
   * "Delay my flight": the trip's departure moves two hours; a trip.changed event, signed, with the
   * customer's details (Smartchat may not know them yet: they may never have opened the widget).
   */
  async delayFlight(customer: DemoCustomerDetails): Promise<string> {
    const customerId = customer.externalId;
    const trip = this.tripOf(customerId);
    const old = trip.departure;
    const departure = new Date(old.getTime() + 2 * 3600_000);
    const event: InboundEvent = {
      type: 'trip.changed',
      timestamp: new Date().toISOString(),
      data: {
        customerId,
        customer: detailsOf(customer),
        tripId: trip.tripId,
        version: trip.version + 1,
        title: 'Москва → Сочи',
        departureAt: departure.toISOString(),
        changes: [{ field: 'time', segment: 'SU 1234 Москва → Сочи', old: old.toISOString(), new: departure.toISOString() }],
      },
    };
    const receipt = await this.send(event);
    trip.version += 1;
    trip.departure = departure;
    return receipt;
  }

  /** "Send the reconciliation act": a document.ready event with a PDF. */
  async sendDocument(customer: DemoCustomerDetails): Promise<string> {
    const customerId = customer.externalId;
    const trip = this.tripOf(customerId);
    return this.send({
      type: 'document.ready',
      timestamp: new Date().toISOString(),
      data: {
        customerId,
        customer: detailsOf(customer),
        documentId: `act-${customerId}-${Date.now()}`,
        tripId: trip.tripId,
        kind: 'reconciliation_act',
        title: 'Акт сверки за ноябрь 2026',
        file: { name: 'akt-sverki-noyabr-2026.pdf', contentType: 'application/pdf', contentBase64: DEMO_PDF.toString('base64') },
      },
    });
  }

  /** A webhook from Smartchat, if it is signed with the endpoint's secret; false when it is not. */
  async receiveWebhook(headers: Record<string, string | string[] | undefined>, raw: Buffer): Promise<boolean> {
    const integration = await this.integration();
    if (!integration) return false;
    try {
      const { webhookId, event } = verifySmartchatRequest([integration.webhookSecret], headers, raw);
      // A retry of one we have is not shown twice.
      if (!this.received.some((item) => item.webhookId === webhookId)) {
        this.received.unshift({ receivedAt: new Date().toISOString(), webhookId, event });
        this.received.length = Math.min(this.received.length, 50);
      }
      return true;
    } catch {
      return false;
    }
  }

  webhooks(): readonly ReceivedWebhook[] {
    return this.received;
  }

  /** An agent's "request a reconciliation act", if signed with the integration's secret; null when it is not. */
  async runAction(headers: Record<string, string | string[] | undefined>, raw: Buffer, siteUrl: string): Promise<{ message: string; url: string } | null> {
    const integration = await this.integration();
    if (!integration) return null;
    try {
      const { event } = verifySmartchatRequest<{ action: string; agent: { name: string }; fields: Record<string, string>; customer: { id: string } | null }>([integration.signingSecret], headers, raw);
      this.actionCount += 1;
      const period = event.fields.period || 'текущий месяц';
      return { message: `Акт сверки за ${period} запрошен (${event.agent.name}); будет готов завтра.`, url: `${siteUrl}/acts/${this.actionCount}` };
    } catch {
      return null;
    }
  }

  private async send(event: InboundEvent): Promise<string> {
    const integration = await this.integration();
    if (!integration) throw new Error('the demo integration is not set up (make dev seeds it)');
    const client = createSmartchatClient({ baseUrl: integration.apiUrl, apiKey: integration.apiKey, signingSecret: integration.signingSecret });
    const receipt = await client.sendEvent(event);
    return receipt.eventId;
  }
}
