// The one catalogue of the figures the statistics show. The API, the console's tooltips, the
// reports and docs/metrics.md all use these ids and these words; the SQL of the read side computes
// what `aggregation` says over the facts of `kinds`.
import type { FigureKind } from '@smartchat/contracts';
import type { FactKind } from './fact.js';

/**
 * How facts of a kind become one figure:
 * - count: n = the number of facts;
 * - duration: n, median, p90 and mean of the values, in calendar time and in business hours;
 * - distribution: n, median, p90 and mean of values that are not durations;
 * - ratio: n facts of value 1 or 0, hits = their sum, rate = hits / n;
 * - count_ratio: hits = the number of `numerator` facts, n = the number of `denominator` facts;
 * - total: the sum of the values, n = the number of distinct agents in it.
 */
export type Aggregation =
  | { type: 'count'; kind: FactKind }
  | { type: 'duration'; kind: FactKind }
  | { type: 'distribution'; kind: FactKind }
  | { type: 'ratio'; kind: FactKind }
  | { type: 'count_ratio'; numerator: FactKind; denominator: FactKind }
  | { type: 'total'; kind: FactKind };

export type MetricUnit = 'conversations' | 'messages' | 'surveys' | 'milliseconds' | 'share' | 'rating';

export interface Text {
  en: string;
  ru: string;
}

export interface MetricDefinition {
  /** Stable: part of the API, exports and reports. */
  id: string;
  aggregation: Aggregation;
  unit: MetricUnit;
  /** Which way is good, for trend arrows; null when neither (volumes). */
  better: 'higher' | 'lower' | null;
  /** A short label. */
  name: Text;
  /** The exact definition: what is counted, from when to when, and for whom. */
  definition: Text;
}

const definitions = [
  {
    id: 'conversations_new',
    aggregation: { type: 'count', kind: 'conversation.new' },
    unit: 'conversations',
    better: null,
    name: { en: 'New conversations', ru: 'Новые диалоги' },
    definition: {
      en: 'Conversations created in the period, counted when they were created, for the team they were first routed to, with the channel and topic they were created with.',
      ru: 'Диалоги, созданные за период: считаются в момент создания, для команды, в которую диалог попал первой, с каналом и темой, с которыми он создан.',
    },
  },
  {
    id: 'conversations_closed',
    aggregation: { type: 'count', kind: 'conversation.closed' },
    unit: 'conversations',
    better: null,
    name: { en: 'Closed conversations', ru: 'Закрытые диалоги' },
    definition: {
      en: 'Closes in the period, by an agent or automatically: every close counts (a conversation closed, reopened and closed again counts twice), for the team that held the conversation and its assignee at the close.',
      ru: 'Закрытия за период, оператором или автоматически: считается каждое закрытие (диалог, закрытый, переоткрытый и снова закрытый, считается дважды), для команды, которой принадлежал диалог, и его исполнителя на момент закрытия.',
    },
  },
  {
    id: 'conversations_reopened',
    aggregation: { type: 'count', kind: 'conversation.reopened' },
    unit: 'conversations',
    better: 'lower',
    name: { en: 'Reopened conversations', ru: 'Переоткрытые диалоги' },
    definition: {
      en: "Reopens in the period: a closed conversation opened again by an agent or by the customer's new message, for the team that held it and its assignee at the reopen.",
      ru: 'Переоткрытия за период: закрытый диалог снова открыт оператором или новым сообщением клиента; для команды, которой принадлежал диалог, и его исполнителя на момент переоткрытия.',
    },
  },
  {
    id: 'first_response_time',
    aggregation: { type: 'duration', kind: 'response.first' },
    unit: 'milliseconds',
    better: 'lower',
    name: { en: 'First response time', ru: 'Время первого ответа' },
    definition: {
      en: "From the customer's first message to the first agent reply in the conversation (notes and system messages are not replies), counted at the reply for the agent who replied and the team that held the conversation then. Measured only when a customer message waits for that reply; a close ends a wait unanswered, so after a reopen the wait starts with the customer's next message. Snoozed time counts: the customer was waiting.",
      ru: 'От первого сообщения клиента до первого ответа оператора в диалоге (заметки и системные сообщения — не ответы); считается в момент ответа, для ответившего оператора и команды, которой тогда принадлежал диалог. Измеряется, только если ответа ждёт сообщение клиента; закрытие завершает ожидание без ответа, поэтому после переоткрытия ожидание начинается со следующего сообщения клиента. Время отложенного диалога входит: клиент ждал.',
    },
  },
  {
    id: 'next_response_time',
    aggregation: { type: 'duration', kind: 'response.next' },
    unit: 'milliseconds',
    better: 'lower',
    name: { en: 'Next response time', ru: 'Время следующего ответа' },
    definition: {
      en: "For each later wait of the customer: from the first customer message after an agent reply to the next agent reply, counted at that reply for the agent who replied and the team that held the conversation then. More customer messages in the same wait do not start new waits; a wait that a close ends unanswered is not measured.",
      ru: 'Для каждого следующего ожидания клиента: от первого сообщения клиента после ответа оператора до следующего ответа оператора; считается в момент ответа, для ответившего оператора и команды, которой тогда принадлежал диалог. Новые сообщения клиента в том же ожидании не начинают новых ожиданий; ожидание, завершённое закрытием без ответа, не измеряется.',
    },
  },
  {
    id: 'time_to_assign',
    aggregation: { type: 'duration', kind: 'assign.time' },
    unit: 'milliseconds',
    better: 'lower',
    name: { en: 'Time to assign', ru: 'Время до назначения' },
    definition: {
      en: "For each assignment of a conversation that waited in a team's queue (automatic or manual): from entering that queue to the assignment, counted at the assignment for the assignee and the team. Assigning a conversation that was not in a queue is not measured.",
      ru: 'Для каждого назначения диалога, ждавшего в очереди команды (автоматического или ручного): от попадания в эту очередь до назначения; считается в момент назначения, для назначенного оператора и команды. Назначение диалога, который не стоял в очереди, не измеряется.',
    },
  },
  {
    id: 'time_in_queue',
    aggregation: { type: 'duration', kind: 'queue.time' },
    unit: 'milliseconds',
    better: 'lower',
    name: { en: 'Time in queue', ru: 'Время в очереди' },
    definition: {
      en: "Each stay in a team's queue, from entering it to leaving it (assigned, transferred to another team, snoozed or closed), counted when it ends, for that team and, when it ended in an assignment, the assignee. A stay that has not ended is not counted yet.",
      ru: 'Каждое пребывание в очереди команды, от попадания в очередь до выхода из неё (назначение, передача другой команде, откладывание или закрытие); считается в момент выхода, для этой команды и, если очередь закончилась назначением, для назначенного оператора. Незавершённое пребывание пока не считается.',
    },
  },
  {
    id: 'resolution_time',
    aggregation: { type: 'duration', kind: 'resolution.time' },
    unit: 'milliseconds',
    better: 'lower',
    name: { en: 'Resolution time', ru: 'Время решения' },
    definition: {
      en: 'For each close: from the start of its cycle (the creation, or the reopen before this close) to the close, counted at the close for the team and the assignee then. Time snoozed, queued or unassigned counts.',
      ru: 'Для каждого закрытия: от начала цикла (создания диалога или переоткрытия перед этим закрытием) до закрытия; считается в момент закрытия, для команды и исполнителя на тот момент. Время в отложенном состоянии, в очереди и без исполнителя входит.',
    },
  },
  {
    id: 'handling_time',
    aggregation: { type: 'duration', kind: 'handling.time' },
    unit: 'milliseconds',
    better: 'lower',
    name: { en: 'Handling time', ru: 'Время обработки' },
    definition: {
      en: 'For each close: the time within its cycle during which the conversation was open, assigned to an agent and not snoozed, counted at the close for the team and the assignee then.',
      ru: 'Для каждого закрытия: время в его цикле, когда диалог был открыт, назначен оператору и не отложен; считается в момент закрытия, для команды и исполнителя на тот момент.',
    },
  },
  {
    id: 'reopen_rate',
    aggregation: { type: 'ratio', kind: 'close.reopened' },
    unit: 'share',
    better: 'lower',
    name: { en: 'Reopen rate', ru: 'Доля переоткрытий' },
    definition: {
      en: 'Among closes in the period, the share that were followed by a reopen (whenever it came), counted at the close for the team and the assignee then.',
      ru: 'Среди закрытий за период — доля тех, за которыми последовало переоткрытие (когда бы оно ни было); считается в момент закрытия, для команды и исполнителя на тот момент.',
    },
  },
  {
    id: 'fcr_rate',
    aggregation: { type: 'ratio', kind: 'conversation.fcr' },
    unit: 'share',
    better: 'higher',
    name: { en: 'First-contact resolution', ru: 'Решение с первого контакта' },
    definition: {
      en: 'Among conversations closed for the first time in the period after at least one agent reply, the share whose first close came after exactly one agent reply and was never followed by a reopen; counted at the first close for the team and the assignee then.',
      ru: 'Среди диалогов, впервые закрытых за период после хотя бы одного ответа оператора, — доля тех, чьё первое закрытие последовало ровно за одним ответом оператора и после которого диалог не переоткрывался; считается в момент первого закрытия, для команды и исполнителя на тот момент.',
    },
  },
  {
    id: 'sla_first_response_hit_rate',
    aggregation: { type: 'ratio', kind: 'sla.first_response' },
    unit: 'share',
    better: 'higher',
    name: { en: 'First response SLA met', ru: 'SLA первого ответа выполнен' },
    definition: {
      en: "Among first-response SLA clocks that ended in the period, the share met: a clock starts when a customer message waits for the first reply in a team with a first-response target, and ends when an agent replies by the due time (met) or the due time passes (breached); a breached clock counts as missed once, even if answered later. Counted when it ends, for the team that held the conversation and its assignee then; running clocks are not counted.",
      ru: 'Среди часов SLA первого ответа, завершившихся за период, — доля выполненных: часы запускаются, когда сообщение клиента ждёт первого ответа в команде с целевым временем первого ответа, и останавливаются ответом оператора в срок (выполнено) или истечением срока (нарушено); нарушенные часы считаются невыполненными один раз, даже если ответ пришёл позже. Считается в момент завершения, для команды, которой принадлежал диалог, и его исполнителя на тот момент; идущие часы не считаются.',
    },
  },
  {
    id: 'sla_next_response_hit_rate',
    aggregation: { type: 'ratio', kind: 'sla.next_response' },
    unit: 'share',
    better: 'higher',
    name: { en: 'Next response SLA met', ru: 'SLA следующего ответа выполнен' },
    definition: {
      en: "Among next-response SLA clocks that ended in the period, the share met: a clock starts when a customer message waits for a reply after an earlier agent reply in a team with a next-response target, and ends when an agent replies by the due time (met) or the due time passes (breached); a breached clock counts as missed once, even if answered later. Counted when it ends, for the team that held the conversation and its assignee then; running clocks are not counted.",
      ru: 'Среди часов SLA следующего ответа, завершившихся за период, — доля выполненных: часы запускаются, когда сообщение клиента ждёт ответа после предыдущего ответа оператора в команде с целевым временем следующего ответа, и останавливаются ответом оператора в срок (выполнено) или истечением срока (нарушено); нарушенные часы считаются невыполненными один раз, даже если ответ пришёл позже. Считается в момент завершения, для команды, которой принадлежал диалог, и его исполнителя на тот момент; идущие часы не считаются.',
    },
  },
  {
    id: 'csat_score',
    aggregation: { type: 'ratio', kind: 'csat.satisfied' },
    unit: 'share',
    better: 'higher',
    name: { en: 'CSAT', ru: 'CSAT' },
    definition: {
      en: "Among satisfaction surveys answered in the period, the share rated 4 or 5 (of 1 to 5; a changed answer counts with its latest rating). Counted at the survey's first answer, for the team that held the conversation when the survey was sent and the agent who closed it.",
      ru: 'Среди опросов удовлетворённости, на которые ответили за период, — доля оценок 4 и 5 (из 1–5; изменённый ответ считается с последней оценкой). Считается в момент первого ответа на опрос, для команды, которой принадлежал диалог при отправке опроса, и оператора, закрывшего диалог.',
    },
  },
  {
    id: 'csat_average_rating',
    aggregation: { type: 'distribution', kind: 'csat.rating' },
    unit: 'rating',
    better: 'higher',
    name: { en: 'Average rating', ru: 'Средняя оценка' },
    definition: {
      en: "The ratings (1 to 5) of satisfaction surveys answered in the period, each survey with its latest rating, at the survey's first answer, for the team that held the conversation when the survey was sent and the agent who closed it.",
      ru: 'Оценки (1–5) опросов удовлетворённости, на которые ответили за период, — по последней оценке каждого опроса, в момент первого ответа, для команды, которой принадлежал диалог при отправке опроса, и оператора, закрывшего диалог.',
    },
  },
  {
    id: 'csat_response_rate',
    aggregation: { type: 'count_ratio', numerator: 'csat.rating', denominator: 'csat.requested' },
    unit: 'share',
    better: 'higher',
    name: { en: 'Survey response rate', ru: 'Доля ответов на опрос' },
    definition: {
      en: 'Surveys answered in the period (counted at their first answer) divided by surveys sent in the period (counted when sent), for the team that held the conversation when the survey was sent and the agent who closed it. A survey sent near the end of a period and answered in the next counts as sent in one and answered in the other.',
      ru: 'Опросы, на которые ответили за период (в момент первого ответа), делённые на опросы, отправленные за период (в момент отправки), для команды, которой принадлежал диалог при отправке опроса, и оператора, закрывшего диалог. Опрос, отправленный в конце периода и отвеченный в следующем, считается отправленным в одном и отвеченным в другом.',
    },
  },
  {
    id: 'csat_surveys_sent',
    aggregation: { type: 'count', kind: 'csat.requested' },
    unit: 'surveys',
    better: null,
    name: { en: 'Surveys sent', ru: 'Отправлено опросов' },
    definition: {
      en: 'Satisfaction surveys sent to customers after closes, counted when sent, for the team that held the conversation and the agent who closed it.',
      ru: 'Опросы удовлетворённости, отправленные клиентам после закрытия, в момент отправки, для команды, которой принадлежал диалог, и оператора, закрывшего его.',
    },
  },
  {
    id: 'agent_online_time',
    aggregation: { type: 'total', kind: 'agent.online' },
    unit: 'milliseconds',
    better: null,
    name: { en: 'Online time', ru: 'Время в сети' },
    definition: {
      en: "Total time agents spent online, from a change to online until their next status change, cut at UTC hours and counted in the hour it fell in once that status ended (time in a status that has not ended is not counted yet). n is the number of agents. Under a team filter, the team's members.",
      ru: 'Суммарное время операторов в статусе «в сети», от перехода в статус до следующей смены статуса, с разбивкой по часам UTC; считается в том часе, на который пришлось, когда статус закончился (время в незавершённом статусе пока не считается). n — число операторов. С фильтром по команде — её участники.',
    },
  },
  {
    id: 'agent_away_time',
    aggregation: { type: 'total', kind: 'agent.away' },
    unit: 'milliseconds',
    better: null,
    name: { en: 'Away time', ru: 'Время «отошёл»' },
    definition: {
      en: "Total time agents spent away, from a change to away until their next status change, cut at UTC hours and counted in the hour it fell in once that status ended (time in a status that has not ended is not counted yet). n is the number of agents. Under a team filter, the team's members.",
      ru: 'Суммарное время операторов в статусе «отошёл», от перехода в статус до следующей смены статуса, с разбивкой по часам UTC; считается в том часе, на который пришлось, когда статус закончился (время в незавершённом статусе пока не считается). n — число операторов. С фильтром по команде — её участники.',
    },
  },
  {
    id: 'messages_per_conversation',
    aggregation: { type: 'distribution', kind: 'conversation.messages' },
    unit: 'messages',
    better: null,
    name: { en: 'Messages per conversation', ru: 'Сообщений на диалог' },
    definition: {
      en: 'For each close: the customer messages and agent replies in the cycle it ended (notes and system messages excluded), counted at the close for the team and the assignee then.',
      ru: 'Для каждого закрытия: сообщения клиента и ответы операторов в завершённом им цикле (без заметок и системных сообщений); считается в момент закрытия, для команды и исполнителя на тот момент.',
    },
  },
  {
    id: 'messages_customer',
    aggregation: { type: 'count', kind: 'message.customer' },
    unit: 'messages',
    better: null,
    name: { en: 'Customer messages', ru: 'Сообщения клиентов' },
    definition: {
      en: 'Messages written by customers, counted when sent, for the team that held the conversation and its assignee then.',
      ru: 'Сообщения, написанные клиентами, в момент отправки, для команды, которой принадлежал диалог, и его исполнителя на тот момент.',
    },
  },
  {
    id: 'messages_reply',
    aggregation: { type: 'count', kind: 'message.reply' },
    unit: 'messages',
    better: null,
    name: { en: 'Agent replies', ru: 'Ответы операторов' },
    definition: {
      en: 'Replies agents sent to customers, counted when sent, for the agent who wrote them and the team that held the conversation then.',
      ru: 'Ответы операторов клиентам, в момент отправки, для написавшего оператора и команды, которой тогда принадлежал диалог.',
    },
  },
  {
    id: 'messages_note',
    aggregation: { type: 'count', kind: 'message.note' },
    unit: 'messages',
    better: null,
    name: { en: 'Internal notes', ru: 'Внутренние заметки' },
    definition: {
      en: 'Notes agents wrote for each other (the customer does not see them), counted when written, for the agent who wrote them and the team that held the conversation then.',
      ru: 'Заметки операторов друг для друга (клиент их не видит), в момент написания, для написавшего оператора и команды, которой тогда принадлежал диалог.',
    },
  },
] as const satisfies readonly MetricDefinition[];

export type MetricId = (typeof definitions)[number]['id'];

/** Every metric, in the order the statistics list them. */
export const metricDefinitions: readonly MetricDefinition[] = definitions;

export const metricIds: readonly MetricId[] = definitions.map((definition) => definition.id);

const byId = new Map<string, MetricDefinition>(definitions.map((definition) => [definition.id, definition]));

/** The definition of a metric id, or undefined for an unknown one (the API answers that with its error). */
export function metricDefinition(id: string): MetricDefinition | undefined {
  return byId.get(id);
}

export function isMetricId(id: string): id is MetricId {
  return byId.has(id);
}

/** The fact kinds a metric reads. */
export function factKindsOf(definition: MetricDefinition): FactKind[] {
  const { aggregation } = definition;
  return aggregation.type === 'count_ratio' ? [aggregation.numerator, aggregation.denominator] : [aggregation.kind];
}

/** The shape of a metric's figures (the API's `kind`): a count ratio is a ratio. */
export function figureKindOf(definition: MetricDefinition): FigureKind {
  return definition.aggregation.type === 'count_ratio' ? 'ratio' : definition.aggregation.type;
}
