// Reports: the list (monthly and custom, newest first) with what each covers (the whole desk or
// some teams) and its status — a progress bar while it is built, asked again every two seconds
// until it is done — and its downloads; and a form to build one for any range of days, of the whole
// desk or one team (scope all) or of one's own teams (scope teams). Reading needs statistics.view,
// building and downloading reports.export; the server answers a team manager only the reports of
// their teams.
import { TIME_ZONES, type Report, type ReportFormat } from '@smartchat/contracts';
import { formatDateTime } from '@smartchat/frontend-kit';
import { createMemo, createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js';
import { i18n } from '../../i18n.js';
import { can, me, teamName, teams } from '../../state/session.js';
import { LoadError } from '../Feedback.jsx';
import { teamsInScope } from '../scope.js';
import { t } from './i18n.js';
import { downloadReport, inProgress, reportsApi } from './reports-api.js';
import './reports.css';

const POLL_MS = 2000;

/** Today as YYYY-MM-DD on the clocks of `timeZone`. */
function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? t('size.mb', { value: (bytes / (1024 * 1024)).toFixed(1) }) : t('size.kb', { value: Math.max(1, Math.round(bytes / 1024)) });
}

/** What a report covers: the whole desk, or its teams by name. */
function coverage(report: Report): string {
  return report.teamIds ? t('reports.teams', { names: report.teamIds.map((id) => teamName(id) ?? id).join(', ') }) : t('reports.wholeDesk');
}

function reportName(report: Report): string {
  return report.kind === 'monthly' && report.period ? t('reports.monthly', { period: report.period }) : `${t('reports.custom')} ${report.from} — ${report.to}`;
}

export function ReportsPanel() {
  const allowed = createMemo(() => can('statistics.view') && (me()?.scope === 'all' || me()?.scope === 'teams'));
  return (
    <section class="reports-panel" aria-labelledby="reports-title" data-testid="reports-panel">
      <h2 id="reports-title">{t('reports.title')}</h2>
      <Show when={allowed()} fallback={<p class="muted" data-testid="reports-scope-only">{t('reports.scopeOnly')}</p>}>
        <p class="muted">{me()?.scope === 'teams' ? t('reports.introTeams') : t('reports.intro')}</p>
        <ReportsView />
      </Show>
    </section>
  );
}

function ReportsView() {
  const [reports, setReports] = createSignal<Report[]>([]);
  const [more, setMore] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const [notice, setNotice] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** The first page again, keeping what "show more" added below it. */
  const refresh = async () => {
    clearTimeout(timer);
    try {
      const page = await reportsApi.list();
      const fresh = new Map(page.reports.map((report) => [report.id, report]));
      const oldest = page.reports.at(-1)?.createdAt;
      const older = oldest ? reports().filter((report) => !fresh.has(report.id) && report.createdAt < oldest) : [];
      setReports([...page.reports, ...older]);
      if (!loaded()) setMore(page.more);
      setLoaded(true);
      setError(null);
    } catch (caught) {
      setError(() => caught);
    }
    // While something builds, its progress is asked for again.
    if (reports().some(inProgress)) timer = setTimeout(() => void refresh(), POLL_MS);
  };
  const loadMore = async () => {
    const last = reports().at(-1);
    if (!last) return;
    try {
      const page = await reportsApi.list(last.id);
      setReports([...reports(), ...page.reports]);
      setMore(page.more);
    } catch (caught) {
      setError(() => caught);
    }
  };
  onMount(() => void refresh());
  onCleanup(() => clearTimeout(timer));

  const requested = (report: Report) => {
    // The same range asked for again while it builds answers the report already in the list.
    const known = reports().some((existing) => existing.id === report.id);
    setNotice(known ? t('reports.alreadyRequested') : t('reports.requested'));
    setReports([report, ...reports().filter((existing) => existing.id !== report.id)]);
    void refresh();
  };

  return (
    <>
      <Show when={can('reports.export')}>
        <CustomReportForm onRequested={requested} />
      </Show>
      <p class="reports-notice" role="status" aria-live="polite">
        {notice()}
      </p>
      <LoadError error={error()} retry={() => void refresh()} testId="reports-error" />
      <Show when={loaded()} fallback={<p class="muted">{t('reports.loading')}</p>}>
        <table class="table reports-table" data-testid="reports-table">
          <caption class="visually-hidden">{t('reports.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.kind')}</th>
              <th scope="col">{t('reports.range')}</th>
              <th scope="col">{t('reports.zone')}</th>
              <th scope="col">{t('reports.status')}</th>
              <th scope="col">{t('reports.built')}</th>
              <th scope="col">{t('reports.files')}</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={reports()}
              fallback={
                <tr>
                  <td colSpan={6} class="muted">
                    {t('reports.none')}
                  </td>
                </tr>
              }
            >
              {(report) => <ReportRow report={report} />}
            </For>
          </tbody>
        </table>
        <div class="reports-actions">
          <Show when={more()}>
            <button type="button" class="button small" onClick={() => void loadMore()}>
              {t('reports.more')}
            </button>
          </Show>
          <button type="button" class="button small" onClick={() => void refresh()} data-testid="reports-refresh">
            {t('reports.refresh')}
          </button>
        </div>
      </Show>
    </>
  );
}

function ReportRow(props: { report: Report }) {
  const name = () => reportName(props.report);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.locale(), me()?.timeZone) : '—');
  return (
    <tr data-testid="report-row" data-id={props.report.id} data-status={props.report.status} data-kind={props.report.kind}>
      <td>
        <div>{name()}</div>
        <div class="small" data-testid="report-coverage">
          {coverage(props.report)}
        </div>
        <div class="muted small">{props.report.createdBy ? t('reports.by', { name: props.report.createdBy.name }) : t('reports.byScheduler')}</div>
      </td>
      <td class="nowrap">
        {props.report.from} — {props.report.to}
      </td>
      <td>{props.report.timeZone}</td>
      <td>
        <StatusCell report={props.report} name={name()} />
      </td>
      <td class="nowrap">{when(props.report.builtAt)}</td>
      <td>
        <Show when={can('reports.export')} fallback={<span class="muted">—</span>}>
          <div class="reports-downloads">
            <DownloadButton report={props.report} format="xlsx" name={name()} />
            <DownloadButton report={props.report} format="pdf" name={name()} />
          </div>
        </Show>
      </td>
    </tr>
  );
}

function StatusCell(props: { report: Report; name: string }) {
  const building = () => props.report.status === 'building' || props.report.status === 'queued';
  return (
    <div class="reports-status">
      <span class={props.report.status === 'failed' ? 'badge danger' : props.report.status === 'frozen' ? 'badge note' : props.report.status === 'ready' ? 'badge accent' : 'badge'} data-testid="report-status">
        {props.report.status === 'building' ? t('status.building', { progress: props.report.progress }) : t(`status.${props.report.status}`)}
      </span>
      <Show when={building()}>
        <div
          class="reports-progress"
          role="progressbar"
          aria-label={t('reports.progress', { name: props.name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={props.report.progress}
          data-testid="report-progress"
        >
          <span style={{ width: `${props.report.progress}%` }} />
        </div>
      </Show>
      <Show when={props.report.status === 'failed' && props.report.error}>
        <div class="muted small">{t('reports.failedWhy', { error: props.report.error ?? '' })}</div>
      </Show>
    </div>
  );
}

function DownloadButton(props: { report: Report; format: ReportFormat; name: string }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const file = () => props.report.files[props.format];
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadReport(props.report, props.format);
    } catch (caught) {
      setError(() => caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={file()} fallback={<span class="muted small">{props.format.toUpperCase()}: {t('reports.notBuilt')}</span>}>
      {(present) => (
        <span>
          <button
            type="button"
            class="button small"
            disabled={busy()}
            onClick={() => void run()}
            aria-label={t('reports.downloadLabel', { format: props.format.toUpperCase(), name: props.name, size: size(present().bytes) })}
            data-testid={`report-download-${props.format}`}
          >
            {busy() ? t('reports.downloading') : props.format === 'xlsx' ? t('reports.downloadXlsx') : t('reports.downloadPdf')}
          </button>
          <LoadError error={error()} testId="report-download-error" />
        </span>
      )}
    </Show>
  );
}

function CustomReportForm(props: { onRequested: (report: Report) => void }) {
  const id = createUniqueId();
  const zone = () => me()?.timeZone ?? 'Europe/Moscow';
  const [timeZone, setTimeZone] = createSignal(zone());
  const today = () => todayIn(timeZone());
  const [from, setFrom] = createSignal(`${todayIn(zone()).slice(0, 8)}01`);
  const [to, setTo] = createSignal(todayIn(zone()));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const [problem, setProblem] = createSignal('');
  // Scope all: the whole desk ('') or one team; scope teams: one's own teams, all of them or one.
  const ownTeamsOnly = () => me()?.scope === 'teams';
  const choices = createMemo(() => teamsInScope(me(), teams()));
  const [team, setTeam] = createSignal('');

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setProblem('');
    setError(null);
    if (!from() || !to()) return setProblem(t('reports.rangeMissing'));
    if (from() > to()) return setProblem(t('reports.rangeInverted'));
    setBusy(true);
    try {
      props.onRequested(await reportsApi.create({ from: from(), to: to(), timeZone: timeZone() as (typeof TIME_ZONES)[number], ...(team() ? { teamIds: [team()] } : {}) }));
    } catch (caught) {
      setError(() => caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="reports-form panel" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`} noValidate data-testid="reports-form">
      <h3 id={`${id}-title`}>{t('reports.customTitle')}</h3>
      <div class="reports-fields">
        <div class="field">
          <label for={`${id}-from`}>{t('reports.from')}</label>
          <input id={`${id}-from`} class="input" type="date" max={today()} value={from()} onInput={(event) => setFrom(event.currentTarget.value)} data-testid="reports-from" />
        </div>
        <div class="field">
          <label for={`${id}-to`}>{t('reports.to')}</label>
          <input id={`${id}-to`} class="input" type="date" max={today()} value={to()} onInput={(event) => setTo(event.currentTarget.value)} data-testid="reports-to" />
        </div>
        <div class="field">
          <label for={`${id}-zone`}>{t('reports.zone')}</label>
          <select id={`${id}-zone`} class="input" aria-describedby={`${id}-zone-hint`} onChange={(event) => setTimeZone(event.currentTarget.value)} data-testid="reports-zone">
            <For each={TIME_ZONES}>
              {(name) => (
                <option value={name} selected={name === timeZone()}>
                  {name}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label for={`${id}-teams`}>{t('reports.covers')}</label>
          <select id={`${id}-teams`} class="input" onChange={(event) => setTeam(event.currentTarget.value)} data-testid="reports-teams">
            <option value="" selected={team() === ''}>
              {ownTeamsOnly() ? t('reports.allMyTeams') : t('reports.wholeDesk')}
            </option>
            <For each={choices()}>
              {(choice) => (
                <option value={choice.id} selected={choice.id === team()}>
                  {choice.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <button type="submit" class="button primary" disabled={busy()} data-testid="reports-build">
          {busy() ? t('reports.requesting') : t('reports.build')}
        </button>
      </div>
      <p id={`${id}-zone-hint`} class="muted small">
        {t('reports.zoneHint')}
      </p>
      <Show when={problem()}>
        <p class="reports-problem" role="alert">
          {problem()}
        </p>
      </Show>
      <LoadError error={error()} testId="reports-request-error" />
    </form>
  );
}
