// The admin area at /console/admin/<section>: a tab for every section the agent's role allows
// (agents, teams, roles, macros, mailboxes, integrations, deleted messages, audit log) and the
// chosen section below it.
import { A, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, For, Match, Show, Switch } from 'solid-js';
import { AgentsSection } from './agents/AgentsSection.jsx';
import { AuditSection } from './audit/AuditSection.jsx';
import { DeletedMessagesSection } from './deleted/DeletedMessagesSection.jsx';
import { t } from './i18n.js';
import { IntegrationsSection } from './integrations/IntegrationsSection.jsx';
import { MacrosSection } from './macros/MacrosSection.jsx';
import { MailboxesSection } from './mailboxes/MailboxesSection.jsx';
import { canDo } from './me-access.js';
import { RolesSection } from './roles/RolesSection.jsx';
import { isAdminSection, visibleSections } from './sections.js';
import { TeamsSection } from './teams/TeamsSection.jsx';
import './admin.css';

export default function AdminPage() {
  const params = useParams<{ section?: string }>();
  const navigate = useNavigate();
  const sections = createMemo(() => visibleSections(canDo));
  const requested = () => params.section;
  const current = createMemo(() => {
    const section = requested();
    return isAdminSection(section) && sections().includes(section) ? section : null;
  });

  // /admin alone opens the first section the agent may use, so that its tab shows as current.
  createEffect(() => {
    const first = sections()[0];
    if (!requested() && first) navigate(`/admin/${first}`, { replace: true });
  });

  return (
    <main class="admin" aria-labelledby="admin-title">
      <h1 id="admin-title" class="admin-title">
        {t('admin.title')}
      </h1>
      <nav data-testid="admin-nav" aria-label={t('admin.sections')}>
        <For each={sections()}>
          {(section) => (
            <A href={`/admin/${section}`} data-section={section}>
              {t(`section.${section}`)}
            </A>
          )}
        </For>
      </nav>
      <Show when={current()} fallback={<Show when={requested()}>{(section) => <p class="panel">{t('admin.unavailable', { section: section() })}</p>}</Show>}>
        <Switch>
          <Match when={current() === 'agents'}>
            <AgentsSection />
          </Match>
          <Match when={current() === 'teams'}>
            <TeamsSection />
          </Match>
          <Match when={current() === 'roles'}>
            <RolesSection />
          </Match>
          <Match when={current() === 'macros'}>
            <MacrosSection />
          </Match>
          <Match when={current() === 'mailboxes'}>
            <MailboxesSection />
          </Match>
          <Match when={current() === 'integrations'}>
            <IntegrationsSection />
          </Match>
          <Match when={current() === 'deleted'}>
            <DeletedMessagesSection />
          </Match>
          <Match when={current() === 'audit'}>
            <AuditSection />
          </Match>
        </Switch>
      </Show>
    </main>
  );
}
