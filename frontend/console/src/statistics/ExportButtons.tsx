// CSV and XLSX downloads of a table, from the API's export endpoints (audited there), for those
// whose role has reports.export; the buttons are not shown to anyone else.
import type { StatisticsExportFormat } from '@smartchat/contracts';
import { createSignal, For, Show } from 'solid-js';
import { i18n } from '../i18n.js';
import { can } from '../state/session.js';
import { downloadExport, type ExportTable, type StatisticsParams } from './api.js';
import { LoadError } from './Feedback.jsx';
import { t } from './i18n.js';

export function ExportButtons(props: { table: ExportTable; title: string; params: StatisticsParams }) {
  const [busy, setBusy] = createSignal<StatisticsExportFormat | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [done, setDone] = createSignal('');
  const run = async (format: StatisticsExportFormat) => {
    if (busy()) return;
    setBusy(format);
    setError(null);
    setDone('');
    try {
      const name = await downloadExport(props.table, props.params, format, i18n.locale());
      setDone(t('export.done', { name }));
    } catch (caught) {
      setError(() => caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Show when={can('reports.export')}>
      <div class="stats-export" role="group" aria-label={t('export.label', { table: props.title })}>
        <For each={['csv', 'xlsx'] as const}>
          {(format) => (
            <button
              type="button"
              class="button small"
              disabled={busy() !== null}
              onClick={() => void run(format)}
              aria-label={t(format === 'csv' ? 'export.csvLabel' : 'export.xlsxLabel', { table: props.title })}
              data-testid={`stats-export-${props.table}-${format}`}
            >
              {busy() === format ? t('export.busy') : t(format === 'csv' ? 'export.csv' : 'export.xlsx')}
            </button>
          )}
        </For>
        <span class="stats-export-status" role="status" aria-live="polite">
          {done()}
        </span>
        <LoadError error={error()} testId={`stats-export-error-${props.table}`} />
      </div>
    </Show>
  );
}
