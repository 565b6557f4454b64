// Deleted messages: every deletion the audit log recorded (message.delete), newest first, page by
// page; each with its original text and history, a way to restore it, and its conversation.
import type { AuditEntry } from '@smartchat/contracts';
import { createSignal, For, onMount, Show } from 'solid-js';
import { me } from '../../state/session.js';
import { fetchAuditPage, fetchOlderAuditPage } from '../audit/audit-page.js';
import { t } from '../i18n.js';
import { createStatusLine, createTask } from '../task.js';
import { EmptyRow } from '../ui/EmptyRow.jsx';
import { ErrorNotice, StatusText } from '../ui/Feedback.jsx';
import { DeletedMessageRow } from './DeletedMessageRow.jsx';

const PAGE_SIZE = 50;
/** How many of the latest restorations are read to mark deletions already undone. */
const RESTORES_READ = 500;
/** The actions MessageChanges records (services/chat/src/messaging/changes.ts). */
const DELETE_ACTION = 'message.delete';
const RESTORE_ACTION = 'message.restore';

export function DeletedMessagesSection() {
  const [entries, setEntries] = createSignal<AuditEntry[]>([]);
  const [more, setMore] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  /** Per message target, the id of its latest restoration: a deletion before it has been undone. */
  const [restoredAt, setRestoredAt] = createSignal(new Map<string, number>());
  const loading = createTask();
  const status = createStatusLine();

  const load = (older: boolean) =>
    loading.run(async () => {
      const filters = { action: DELETE_ACTION, outcome: 'ok' } as const;
      const [page, restores] = await Promise.all([
        older ? fetchOlderAuditPage(filters, me()?.timeZone, entries(), PAGE_SIZE) : fetchAuditPage(filters, me()?.timeZone, undefined, PAGE_SIZE),
        older ? null : fetchAuditPage({ action: RESTORE_ACTION, outcome: 'ok' }, me()?.timeZone, undefined, RESTORES_READ),
      ]);
      if (restores) setRestoredAt(latestById(restores.entries));
      setEntries(page.entries);
      setMore(page.more);
      setLoaded(true);
    });
  const undone = (entry: AuditEntry) => (restoredAt().get(entry.target ?? '') ?? 0) > Number(entry.id);
  onMount(() => void load(false));

  return (
    <section data-testid="admin-deleted" aria-labelledby="admin-deleted-title">
      <div class="admin-head">
        <h2 id="admin-deleted-title">{t('section.deleted')}</h2>
        <button type="button" class="button" disabled={loading.busy()} onClick={() => void load(false)}>
          {t('common.refresh')}
        </button>
      </div>
      <p class="admin-hint">{t('deleted.hint')}</p>
      <StatusText text={status.text()} />
      <ErrorNotice error={loading.error()} />
      <Show when={loaded()} fallback={<p class="muted">{loading.busy() ? t('common.loading') : ''}</p>}>
        <table class="table admin-table">
          <caption class="visually-hidden">{t('section.deleted')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('deleted.at')}</th>
              <th scope="col">{t('deleted.by')}</th>
              <th scope="col">{t('deleted.conversation')}</th>
              <th scope="col">{t('deleted.state')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={entries()} fallback={<EmptyRow columns={5} text={t('deleted.none')} />}>
              {(entry) => <DeletedMessageRow entry={entry} restored={undone(entry)} onRestored={() => status.say(t('deleted.restored'))} />}
            </For>
          </tbody>
        </table>
        <Show when={more()}>
          <button type="button" class="button admin-more" disabled={loading.busy()} onClick={() => void load(true)}>
            {loading.busy() ? t('common.loading') : t('common.loadMore')}
          </button>
        </Show>
      </Show>
    </section>
  );
}

function latestById(entries: readonly AuditEntry[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const entry of entries) {
    if (entry.target) latest.set(entry.target, Math.max(latest.get(entry.target) ?? 0, Number(entry.id)));
  }
  return latest;
}
