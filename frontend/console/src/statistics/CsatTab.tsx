// Customer satisfaction: the share of 4–5 among answers, the survey response rate, the average
// rating, how the answers spread over 1..5 (bars inside a table, so the numbers are the figure),
// and the latest comments with a link into each conversation.
import type { StatisticsCsat } from '@smartchat/contracts';
import { A } from '@solidjs/router';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createMemo, For } from 'solid-js';
import { i18n } from '../i18n.js';
import { agentName, teamName } from '../state/session.js';
import { statisticsApi } from './api.js';
import { Panel, RangeNote } from './Feedback.jsx';
import { RatingTile, RatioTile } from './FigureTile.jsx';
import { formatNumber, formatShare } from './format.js';
import { t } from './i18n.js';
import { conversationLink } from './links.js';
import { createLoad } from './load.js';
import type { TabProps } from './OverviewTab.jsx';

export function CsatTab(props: TabProps) {
  const load = createLoad(
    () => props.params,
    (params) => statisticsApi.csat(params),
  );
  return (
    <Panel title={t('csat.title')} load={load} testId="stats-csat">
      {(csat) => (
        <>
          <RangeNote answer={csat()} />
          <div class="stats-cards">
            <RatioTile label={t('csat.satisfied')} figure={csat().satisfied} testId="stats-csat-satisfied" />
            <RatioTile label={t('csat.responseRate')} figure={csat().responseRate} testId="stats-csat-response-rate" />
            <RatingTile label={t('csat.rating')} figure={csat().rating} testId="stats-csat-rating" />
          </div>
          <Distribution csat={csat()} />
          <h3 class="stats-group-title">{t('csat.comments')}</h3>
          <p class="stats-hint">{t('csat.commentsHint')}</p>
          <ul class="stats-comments" data-testid="stats-csat-comments">
            <For each={csat().comments} fallback={<li class="muted">{t('csat.noComments')}</li>}>
              {(comment) => (
                <li class="stats-comment" data-testid="stats-csat-comment" data-conversation={comment.conversationId} data-rating={comment.rating}>
                  <div class="stats-comment-head">
                    <span class="badge accent">{t('csat.ratingLabel', { rating: comment.rating })}</span>
                    <span class="muted">{formatDateTime(comment.at, i18n.locale(), csat().timeZone)}</span>
                    <span class="muted">{[teamName(comment.teamId), agentName(comment.agentId)].filter(Boolean).join(' · ')}</span>
                    <A href={conversationLink(comment.conversationId)}>{t('common.open')}</A>
                  </div>
                  <p class="stats-comment-text">{comment.comment}</p>
                </li>
              )}
            </For>
          </ul>
        </>
      )}
    </Panel>
  );
}

function Distribution(props: { csat: StatisticsCsat }) {
  const total = createMemo(() => props.csat.distribution.reduce((sum, entry) => sum + entry.n, 0));
  const most = createMemo(() => Math.max(1, ...props.csat.distribution.map((entry) => entry.n)));
  return (
    <figure class="stats-chart" data-testid="stats-csat-distribution">
      <figcaption class="stats-chart-title">{t('csat.distribution')}</figcaption>
      <p class="stats-note">{t('csat.distributionDescription', { zone: props.csat.timeZone, n: formatNumber(total(), i18n.locale(), 0) })}</p>
      <table class="table stats-table stats-bars">
        <caption class="visually-hidden">{t('csat.distribution')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.rating')}</th>
            <th scope="col" class="stats-num">
              {t('csat.answers')}
            </th>
            <th scope="col" class="stats-num">
              %
            </th>
            <th scope="col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          <For each={[...props.csat.distribution].sort((a, b) => b.rating - a.rating)}>
            {(entry) => (
              <tr data-rating={entry.rating} data-n={entry.n}>
                <th scope="row">{entry.rating}</th>
                <td class="stats-num">{formatNumber(entry.n, i18n.locale(), 0)}</td>
                <td class="stats-num">{total() > 0 ? formatShare(entry.n / total(), i18n.locale()) : '—'}</td>
                <td class="stats-bar-cell" aria-hidden="true">
                  <span class="stats-bar" data-good={entry.rating >= 4 ? 'true' : 'false'} style={{ width: `${(entry.n / most()) * 100}%` }} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </figure>
  );
}
