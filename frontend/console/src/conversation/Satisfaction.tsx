// The customer's ratings of the open conversation, one per close (newest first): the score, the
// comment, who closed it (credited) and who replied last, or that the customer has not answered.
// Read again when the conversation changes (a close puts a new survey) and live from `csat:updated`.
import type { CsatSurvey } from '@smartchat/contracts';
import { formatDateTime, Icon } from '@smartchat/frontend-kit';
import { createEffect, createResource, For, on, onCleanup, Show } from 'solid-js';
import { i18n } from '../i18n.js';
import { t } from './csat-i18n.js';
import { latest } from '../state/inbox.js';
import { agentName, api, connection, me } from '../state/session.js';

async function surveysOf(conversationId: string): Promise<CsatSurvey[]> {
  const { surveys } = await api.get('/v1/conversations/{id}/csat', { params: { path: { id: conversationId } } });
  // Agents get the agents' shape.
  return (surveys as CsatSurvey[]).slice().sort((a, b) => b.cycle - a.cycle);
}

export function Satisfaction(props: { conversationId: string }) {
  const conversation = () => latest()[props.conversationId];
  // A failed read keeps what was shown (a resource in error would throw where it is read).
  const [surveys, { refetch, mutate }] = createResource<CsatSurvey[], string>(
    () => props.conversationId,
    (id, { value }) => surveysOf(id).catch(() => value ?? []),
  );
  // A close (or a reopen) of this conversation may add a survey.
  createEffect(
    on(
      () => conversation()?.status,
      () => void refetch(),
      { defer: true },
    ),
  );
  createEffect(() => {
    const socket = connection()?.socket;
    if (!socket) return;
    const updated = (survey: CsatSurvey | { conversationId: string }) => {
      if (survey.conversationId !== props.conversationId || !('closedBy' in survey)) return;
      mutate((list) => [survey, ...(list ?? []).filter((item) => item.id !== survey.id)].sort((a, b) => b.cycle - a.cycle));
    };
    socket.on('csat:updated', updated);
    onCleanup(() => socket.off('csat:updated', updated));
  });
  const when = (iso: string) => formatDateTime(iso, i18n.locale(), me()?.timeZone);
  const who = (id: string | null) => (id ? (agentName(id) ?? t('csat.unknownAgent')) : '—');

  return (
    <Show when={(surveys() ?? []).length > 0}>
      <section class="csat" aria-labelledby="csat-title" data-testid="csat">
        <h3 id="csat-title">{t('csat.title')}</h3>
        <ul class="csat__list">
          <For each={surveys()}>
            {(survey) => (
              <li class="csat__item" data-testid="csat-survey" data-cycle={survey.cycle}>
                <Show when={survey.rating !== null} fallback={<p class="muted">{t('csat.waiting', { at: when(survey.requestedAt) })}</p>}>
                  <p class="csat__score" data-testid="csat-rating" aria-label={t('csat.ratingLabel', { rating: survey.rating! })}>
                    <span class="csat__stars">
                      <For each={[1, 2, 3, 4, 5]}>{(place) => <Icon name={place <= survey.rating! ? 'star' : 'star-outline'} />}</For>
                    </span>{' '}
                    <strong>{survey.rating}/5</strong>
                  </p>
                  <Show when={survey.comment}>
                    <blockquote class="csat__comment" data-testid="csat-comment">
                      {survey.comment}
                    </blockquote>
                  </Show>
                  <p class="muted csat__meta">{t('csat.answered', { at: when(survey.answeredAt!) })}</p>
                </Show>
                <p class="muted csat__meta">
                  {survey.closedHow === 'auto_close' ? t('csat.autoClosed', { agent: who(survey.closedBy) }) : t('csat.closedBy', { agent: who(survey.closedBy) })}
                  {' · '}
                  {t('csat.lastResponder', { agent: who(survey.lastResponderId) })}
                </p>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
