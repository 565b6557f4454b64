// The texts of the conversation's satisfaction ratings (Satisfaction.tsx), in Russian and English.
import { extendI18n } from '../i18n.js';

const ru = {
  'csat.title': 'Оценка клиента',
  'csat.ratingLabel': 'Оценка {rating} из 5',
  'csat.waiting': 'Клиент ещё не оценил (запрошено {at})',
  'csat.answered': 'Оценено {at}',
  'csat.closedBy': 'Закрыл(а): {agent}',
  'csat.autoClosed': 'Закрыт автоматически, засчитано: {agent}',
  'csat.lastResponder': 'последний ответ: {agent}',
  'csat.unknownAgent': 'неизвестный оператор',
} as const;

type CsatKey = keyof typeof ru;

const en: Record<CsatKey, string> = {
  'csat.title': 'Customer rating',
  'csat.ratingLabel': 'Rated {rating} of 5',
  'csat.waiting': 'Not rated yet (asked {at})',
  'csat.answered': 'Rated {at}',
  'csat.closedBy': 'Closed by {agent}',
  'csat.autoClosed': 'Closed automatically, credited to {agent}',
  'csat.lastResponder': 'last reply by {agent}',
  'csat.unknownAgent': 'unknown agent',
};

export const t = extendI18n<CsatKey>({ ru, en });
