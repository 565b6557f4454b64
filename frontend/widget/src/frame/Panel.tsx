// The open widget: a dialog with a header (title, back, language, close), the connection banner
// and one of three views: the conversation list, the new-conversation form, or a thread.
import { Icon } from '@smartchat/frontend-kit';
import { createEffect, createSignal, Match, on, Show, Switch } from 'solid-js';
import { ConnectionBanner } from './ConnectionBanner.jsx';
import { ConversationList } from './ConversationList.jsx';
import { focusInto } from './focus.js';
import type { WidgetI18n } from './i18n.js';
import { NewConversation } from './NewConversation.jsx';
import type { WidgetSession } from './session.js';
import { Thread } from './Thread.jsx';

/** `messageId`: a message to bring into view when the thread opens (a search hit). */
type View = { name: 'list' } | { name: 'new' } | { name: 'thread'; id: string; messageId?: string };

export interface PanelProps {
  open: boolean;
  session: WidgetSession | null;
  /** The host page gave a token the widget cannot read. */
  tokenRefused: boolean;
  i18n: WidgetI18n;
  onClose(): void;
}

export function Panel(props: PanelProps) {
  const t = props.i18n.t;
  const [view, setView] = createSignal<View>({ name: 'list' });
  /** The thread the customer came back from: focus returns to its item in the list. */
  const [returnTo, setReturnTo] = createSignal<string | null>(null);
  let panel: HTMLDivElement | undefined;

  // Another customer's session starts from the list.
  createEffect(on(() => props.session, () => setView({ name: 'list' }), { defer: true }));
  createEffect(
    on([() => props.open, view], ([open]) => {
      if (open) requestAnimationFrame(() => focusInto(panel));
    }),
  );

  const openThread = (id: string, messageId?: string) => setView(messageId ? { name: 'thread', id, messageId } : { name: 'thread', id });
  const back = () => {
    const current = view();
    setReturnTo(current.name === 'thread' ? current.id : null);
    setView({ name: 'list' });
  };
  const title = () => {
    const current = view();
    if (current.name === 'new') return t('newConversation');
    if (current.name === 'thread') return props.session?.store.conversations().find((item) => item.id === current.id)?.topic ?? t('noTopic');
    return t('title');
  };
  const authProblem = () => (props.tokenRefused || props.session?.authError() ? t('authExpired') : !props.session ? t('authMissing') : null);

  return (
    <div ref={panel} class="panel" role="dialog" aria-label={t('dialogLabel')} data-testid="widget-panel" hidden={!props.open}>
      <header class="panel__header">
        <Show when={view().name !== 'list'}>
          <button type="button" class="icon-button icon-button--inverse" data-testid="widget-back" aria-label={t('back')} title={t('back')} onClick={back}>
            <Icon name="back" />
          </button>
        </Show>
        <h1 class="panel__title">{title()}</h1>
        <button
          type="button"
          class="lang-button"
          data-testid="widget-lang"
          aria-label={`${t('otherLanguage')} · ${t('switchLanguage')}`}
          lang={props.i18n.locale() === 'ru' ? 'en' : 'ru'}
          onClick={() => props.i18n.setLocale(props.i18n.locale() === 'ru' ? 'en' : 'ru')}
        >
          {t('otherLanguage')}
        </button>
        <button type="button" class="icon-button icon-button--inverse" data-testid="widget-close" aria-label={t('close')} title={t('close')} onClick={() => props.onClose()}>
          <Icon name="close" />
        </button>
      </header>
      <ConnectionBanner state={props.session?.connection.state() ?? 'connecting'} wasLive={props.session?.wasLive() ?? false} quiet={authProblem() !== null} i18n={props.i18n} />
      <div class="panel__body">
        <Show
          when={!authProblem() && props.session}
          fallback={
            <p class="notice notice--error notice--block" role="alert" data-testid="widget-error">
              {authProblem()}
            </p>
          }
        >
          {(session) => (
            <Switch>
              <Match when={view().name === 'list'}>
                <ConversationList session={session()} i18n={props.i18n} focusId={returnTo()} onOpen={openThread} onNew={() => setView({ name: 'new' })} />
              </Match>
              <Match when={view().name === 'new'}>
                <NewConversation session={session()} i18n={props.i18n} onStarted={(id) => openThread(id)} />
              </Match>
              <Match when={(() => { const current = view(); return current.name === 'thread' ? current : null; })()} keyed>
                {(current) => <Thread session={session()} conversationId={current.id} messageId={current.messageId} visible={props.open} i18n={props.i18n} />}
              </Match>
            </Switch>
          )}
        </Show>
      </div>
    </div>
  );
}
