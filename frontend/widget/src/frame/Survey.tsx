// The satisfaction survey under a closed conversation: the rating of its latest close as five
// buttons (one pressed), an optional comment, and the customer's answer, which they may change
// until the server's window closes (editableUntil). Loaded when the conversation is closed, and
// kept current by `csat:updated` (an answer from another tab).
import { CSAT_COMMENT_MAX, CSAT_MAX_RATING, CSAT_MIN_RATING, type CustomerCsatSurvey } from '@smartchat/contracts';
import { ApiError } from '@smartchat/frontend-kit';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { describeError } from './errors.js';
import type { WidgetI18n } from './i18n.js';
import type { WidgetSession } from './session.js';
import { latestSurvey, surveyOpen } from './survey-rules.js';

const RATINGS = Array.from({ length: CSAT_MAX_RATING - CSAT_MIN_RATING + 1 }, (_, index) => CSAT_MIN_RATING + index);

export function Survey(props: { session: WidgetSession; conversationId: string; closed: boolean; i18n: WidgetI18n }) {
  const t = props.i18n.t;
  const [survey, setSurvey] = createSignal<CustomerCsatSurvey | null>(null);
  const [editing, setEditing] = createSignal(false);
  const [rating, setRating] = createSignal<number | null>(null);
  const [comment, setComment] = createSignal('');
  const [sending, setSending] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [now, setNow] = createSignal(Date.now());
  const clock = setInterval(() => setNow(Date.now()), 30_000);
  onCleanup(() => clearInterval(clock));

  const load = async () => {
    const { surveys } = await props.session.api.get('/v1/conversations/{id}/csat', { params: { path: { id: props.conversationId } } });
    setSurvey(latestSurvey(surveys as CustomerCsatSurvey[]));
  };
  // Each time the conversation is (again) closed: its close may have put a new survey.
  createEffect(
    on(
      () => props.closed,
      (closed) => {
        if (!closed) return;
        setEditing(false);
        load().catch(() => undefined);
      },
    ),
  );
  const onUpdated = (updated: CustomerCsatSurvey) => {
    if (updated.conversationId !== props.conversationId) return;
    const current = survey();
    if (!current || updated.cycle >= current.cycle) setSurvey(updated);
  };
  const socket = props.session.connection.socket;
  socket.on('csat:updated', onUpdated);
  onCleanup(() => socket.off('csat:updated', onUpdated));

  const answered = () => (survey()?.rating ?? null) !== null;
  const open = () => {
    const current = survey();
    return current !== null && surveyOpen(current, now());
  };
  const showForm = () => open() && (!answered() || editing());

  const startEditing = () => {
    const current = survey();
    setRating(current?.rating ?? null);
    setComment(current?.comment ?? '');
    setError(null);
    setEditing(true);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const current = survey();
    const chosen = rating();
    if (!current || chosen === null) {
      setError(t('csatChooseRating'));
      return;
    }
    setSending(true);
    setError(null);
    try {
      const saved = await props.session.api.put('/v1/conversations/{id}/csat/{surveyId}', {
        params: { path: { id: props.conversationId, surveyId: current.id } },
        body: { rating: chosen, comment: comment().trim() || null },
      });
      setSurvey(saved);
      setEditing(false);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'SC_ERR_CSAT_CLOSED') {
        setError(t('csatExpired'));
        await load().catch(() => undefined);
      } else {
        setError(describeError(failure, props.i18n));
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Show when={props.closed && survey()}>
      {(current) => (
        <section class="survey" aria-labelledby={`survey-title-${props.conversationId}`} data-testid="widget-csat">
          <Show
            when={showForm()}
            fallback={
              <Show when={answered()} fallback={<p class="survey__note">{t('csatExpired')}</p>}>
                <p class="survey__thanks" role="status" data-testid="widget-csat-thanks">
                  {t('csatThanks', { rating: String(current().rating) })}
                </p>
                <Show when={current().comment}>
                  <p class="survey__comment">«{current().comment}»</p>
                </Show>
                <Show when={open()}>
                  <button type="button" class="link-button" data-testid="widget-csat-change" onClick={startEditing}>
                    {t('csatChange')}
                  </button>
                </Show>
              </Show>
            }
          >
            <form class="survey__form" onSubmit={(event) => void submit(event)}>
              <h2 class="survey__title" id={`survey-title-${props.conversationId}`}>
                {t('csatQuestion')}
              </h2>
              <div class="survey__ratings" role="group" aria-label={t('csatRatingLabel')}>
                <For each={RATINGS}>
                  {(value) => (
                    <button
                      type="button"
                      class="survey__rating"
                      classList={{ 'survey__rating--chosen': rating() === value }}
                      aria-pressed={rating() === value}
                      aria-label={t('csatRatingValue', { rating: String(value), max: String(CSAT_MAX_RATING) })}
                      title={t(`csatRating${value}` as 'csatRating1')}
                      data-testid={`widget-csat-rating-${value}`}
                      onClick={() => {
                        setRating(value);
                        setError(null);
                        setEditing(true);
                      }}
                    >
                      {value}
                    </button>
                  )}
                </For>
              </div>
              <p class="survey__scale" aria-hidden="true">
                <span>{t('csatRating1')}</span>
                <span>{t('csatRating5')}</span>
              </p>
              <label class="survey__label" for={`survey-comment-${props.conversationId}`}>
                {t('csatCommentLabel')}
              </label>
              <textarea
                id={`survey-comment-${props.conversationId}`}
                class="survey__field"
                rows={2}
                maxLength={CSAT_COMMENT_MAX}
                value={comment()}
                placeholder={t('csatCommentPlaceholder')}
                data-testid="widget-csat-comment"
                onInput={(event) => setComment(event.currentTarget.value)}
              />
              <Show when={comment().length > CSAT_COMMENT_MAX - 100}>
                <p class="survey__note">{t('csatCommentLeft', { count: String(CSAT_COMMENT_MAX - comment().length) })}</p>
              </Show>
              <Show when={error()}>
                <p class="composer__notice" role="alert" data-testid="widget-csat-error">
                  {error()}
                </p>
              </Show>
              <button type="submit" class="primary-button" disabled={sending()} data-testid="widget-csat-submit">
                {sending() ? t('starting') : answered() ? t('csatSaveChange') : t('csatSubmit')}
              </button>
            </form>
          </Show>
        </section>
      )}
    </Show>
  );
}
