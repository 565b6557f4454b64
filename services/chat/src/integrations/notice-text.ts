// How an inbound event reads in the conversation: the notice (kind `notice`, or the same text in
// an internal conversation) that says what changed, old → new, with times in the customer's time
// zone (named), in the customer's language (Russian unless the back-office said English). Plain
// text with the message markup (**bold**), so every client renders it the way it renders messages.
import type { InboundEvent, TripChange } from '@smartchat/contracts';

export type NoticeLocale = 'ru' | 'en';

const WORDS = {
  ru: {
    changed: 'Изменение поездки',
    cancelled: 'Поездка отменена',
    failed: 'Не удалось забронировать',
    document: 'Документ готов',
    departs: 'Отправление',
    reason: 'Причина',
    time: 'Время',
    flight: 'Рейс',
    hotel: 'Отель',
    none: 'нет',
    services: { flight: 'авиабилет', hotel: 'отель', train: 'ж/д билет', transfer: 'трансфер', other: 'услугу' },
    documents: { reconciliation_act: 'Акт сверки', itinerary: 'Маршрутная квитанция', invoice: 'Счёт', voucher: 'Ваучер', other: 'Документ' },
  },
  en: {
    changed: 'Trip changed',
    cancelled: 'Trip cancelled',
    failed: 'Booking failed',
    document: 'Document ready',
    departs: 'Departure',
    reason: 'Reason',
    time: 'Time',
    flight: 'Flight',
    hotel: 'Hotel',
    none: 'none',
    services: { flight: 'flight', hotel: 'hotel', train: 'train ticket', transfer: 'transfer', other: 'service' },
    documents: { reconciliation_act: 'Reconciliation act', itinerary: 'Itinerary', invoice: 'Invoice', voucher: 'Voucher', other: 'Document' },
  },
} as const;

/** "12.12.2026, 14:30 (Europe/Moscow)": a moment in `timeZone`, the zone named. */
export function formatMoment(iso: string, timeZone: string, locale: NoticeLocale): string {
  const text = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return `${text} (${timeZone})`;
}

/** Markup characters in the back-office's text are shown as they are, not read as markup. */
function plain(text: string): string {
  return text.replace(/([*_`[\]\\])/g, '\\$1');
}

function changeLine(change: TripChange, timeZone: string, locale: NoticeLocale): string {
  const words = WORDS[locale];
  const label = change.field === 'time' ? words.time : change.field === 'flight' ? words.flight : words.hotel;
  const value = (text: string | null) => (text === null ? words.none : change.field === 'time' ? formatMoment(text, timeZone, locale) : plain(text));
  const segment = change.segment ? ` (${plain(change.segment)})` : '';
  return `• ${label}${segment}: ${value(change.old)} → ${value(change.new)}`;
}

/** The notice's text for an event about a trip or a document. */
export function noticeText(event: InboundEvent, context: { timeZone: string; locale: NoticeLocale }): string {
  const words = WORDS[context.locale];
  const { timeZone, locale } = context;
  const title = 'title' in event.data && event.data.title ? ` «${plain(event.data.title)}»` : '';
  const departs = 'departureAt' in event.data && event.data.departureAt ? `\n${words.departs}: ${formatMoment(event.data.departureAt, timeZone, locale)}` : '';
  switch (event.type) {
    case 'trip.changed':
      return `**${words.changed}**${title}\n${event.data.changes.map((change) => changeLine(change, timeZone, locale)).join('\n')}${departs}`;
    case 'trip.cancelled':
      return `**${words.cancelled}**${title}${event.data.reason ? `\n${words.reason}: ${plain(event.data.reason)}` : ''}${departs}`;
    case 'booking.failed':
      return `**${words.failed}** ${words.services[event.data.service]}${title}\n${words.reason}: ${plain(event.data.reason)}${departs}`;
    case 'document.ready':
      return `**${words.document}**: ${words.documents[event.data.kind]} — ${plain(event.data.title)}`;
    case 'customer.updated':
      return '';
  }
}
