// One message as agents see it. Customer, reply, note and system messages look different; a note
// carries its "visible only to the team" label; a notice (Smartchat's message to everyone in the
// conversation, the customer too: a trip change, a document) is a labelled card with its body and
// attachments, offering no edit or delete; a deleted message is a placeholder whose original
// text (and a restore button) only those with the history permission can open. Names, file names
// and bodies are text: only MessageBody renders markup, through the escaping renderer. An image
// line of the body shows one of the message's own image attachments in place, and that attachment
// then leaves the list under the body. In an e-mail conversation a reply says how its e-mail is
// going and a customer's message offers the e-mail it came from (state/conversation-mail.ts).
import type { Attachment, Message, MessageHistoryEntry } from '@smartchat/contracts';
import { inlineImageIds } from '@smartchat/core';
import { formatTime, Icon, MessageBody, type MessageImage, type OutboxItem } from '@smartchat/frontend-kit';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { i18n, t } from '../i18n.js';
import { deliveryOfMessage, downloadOriginal, receivedOfMessage } from '../state/conversation-mail.js';
import { api, can, connection, discardMessage, me, retryMessage } from '../state/session.js';
import { applyMessage } from '../state/threads.js';
import { DeliveryBadge } from './DeliveryBadge.jsx';
import { t as mailText } from './mail-i18n.js';
import { isNotice, isWrittenByPerson, messageChanges } from './message-kinds.js';

/**
 * The message a link opened is `focusable` (focus goes to it, and stays while the agent reads) and
 * `highlighted` (outlined for a while).
 */
export function MessageItem(props: { message: Message; readByCustomer: boolean; focusable?: boolean; highlighted?: boolean }) {
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [original, setOriginal] = createSignal<{ body: string; history: MessageHistoryEntry[] } | null>(null);
  const changes = createMemo(() => messageChanges(props.message, me()));
  const editable = () => changes().edit;
  const deletable = () => changes().delete;
  const notice = () => isNotice(props.message.kind);
  // Only this message's own attachments, so a body cannot pull in a file from anywhere else.
  const image: MessageImage = (attachmentId, alt) => {
    const attachment = props.message.attachments.find((candidate) => isImage(candidate) && candidate.id.toLowerCase() === attachmentId);
    return attachment && <AttachmentView attachment={attachment} alt={alt} />;
  };
  // While the body is being edited it is not shown, so neither are its inline images: list them all.
  const listed = createMemo(() => {
    if (editing()) return props.message.attachments;
    const inline = new Set(inlineImageIds(props.message.body));
    return props.message.attachments.filter((attachment) => !(isImage(attachment) && inline.has(attachment.id.toLowerCase())));
  });

  const change = async (event: 'message:edit' | 'message:delete' | 'message:restore', extra: { body?: string } = {}) => {
    setError(null);
    try {
      const live = connection();
      if (!live) throw new Error(t('connection.offline'));
      const target = { conversationId: props.message.conversationId, messageId: props.message.id };
      const updated = event === 'message:edit' ? await live.request(event, { ...target, body: extra.body ?? '' }) : await live.request(event, target);
      applyMessage(updated);
      setEditing(false);
      setOriginal(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const showOriginal = async () => {
    try {
      const result = await api.get('/v1/conversations/{id}/messages/{messageId}/history', { params: { path: { id: props.message.conversationId, messageId: props.message.id } } });
      setOriginal({ body: result.message.body, history: result.history });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  // An agent's reply may go out by e-mail; a customer's message (or automatic mail kept as a note) may have come in by it.
  const delivery = () => (props.message.kind === 'reply' ? deliveryOfMessage(props.message.conversationId, props.message.id) : undefined);
  const received = () => (props.message.kind === 'reply' || notice() ? undefined : receivedOfMessage(props.message.conversationId, props.message.id));
  const downloadReceived = async (receivedId: string) => {
    setError(null);
    try {
      await downloadOriginal(props.message.conversationId, receivedId);
    } catch (failure) {
      setError(mailText('mail.originalFailed', { reason: failure instanceof Error ? failure.message : String(failure) }));
    }
  };

  const time = () => formatTime(props.message.createdAt, i18n.locale(), me()?.timeZone);
  return (
    <article
      class={`msg ${props.message.kind}`}
      classList={{ deleted: props.message.deleted, 'msg-target': props.highlighted === true }}
      tabindex={props.focusable ? -1 : undefined}
      data-target={props.highlighted ? 'true' : undefined}
      data-testid="message"
      data-id={props.message.id}
      data-kind={props.message.kind}
      data-client-id={props.message.clientMessageId ?? undefined}
      data-deleted={props.message.deleted ? 'true' : undefined}
      aria-label={props.message.kind === 'note' ? t('message.note') : notice() ? t('message.notice') : undefined}
    >
      <Show when={props.message.kind === 'note'}>
        <div class="note-label">
          <Icon name="lock" /> {t('message.note')}
        </div>
      </Show>
      <Show when={notice()}>
        <div class="notice-label" data-testid="notice-label">
          {t('message.notice')}
        </div>
      </Show>
      <Show when={isWrittenByPerson(props.message.kind)}>
        <div class="author">{props.message.author.name ?? (props.message.author.type === 'customer' ? t('context.customer') : '—')}</div>
      </Show>
      <Show
        when={!props.message.deleted}
        fallback={
          <div>
            <span data-testid="deleted-placeholder">{t('message.deleted')}</span>
            <Show when={can('messages.history')}>
              {' '}
              <button type="button" class="button small" onClick={() => void showOriginal()} data-testid="show-original">
                {t('message.showOriginal')}
              </button>
            </Show>
          </div>
        }
      >
        <Show when={editing()} fallback={<MessageBody body={props.message.body} image={image} />}>
          <textarea class="input" style={{ width: '100%' }} rows={3} value={draft()} onInput={(event) => setDraft(event.currentTarget.value)} aria-label={t('message.edit')} data-testid="edit-input" />
          <div style={{ display: 'flex', gap: '6px', 'margin-top': '4px' }}>
            <button type="button" class="button small primary" onClick={() => void change('message:edit', { body: draft() })} data-testid="edit-save">
              {t('message.save')}
            </button>
            <button type="button" class="button small" onClick={() => setEditing(false)}>
              {t('message.cancel')}
            </button>
          </div>
        </Show>
        <Attachments attachments={listed()} />
      </Show>
      <Show when={original()}>
        {(shown) => (
          <div class="panel" style={{ 'margin-top': '6px' }} data-testid="original">
            <div class="field-label">{t('message.original')}</div>
            <MessageBody body={shown().body} image={image} />
            <For each={shown().history}>
              {(entry) => (
                <div class="muted" style={{ 'font-size': '11px' }}>
                  {entry.action} · {formatTime(entry.at, i18n.locale(), me()?.timeZone)}
                </div>
              )}
            </For>
            <Show when={props.message.deleted && can('messages.restore')}>
              <button type="button" class="button small primary" onClick={() => void change('message:restore')} data-testid="restore">
                {t('message.restore')}
              </button>
            </Show>
          </div>
        )}
      </Show>
      <div class="meta">
        <time dateTime={props.message.createdAt}>{time()}</time>
        <Show when={props.message.editedAt && !props.message.deleted}>
          <span>{t('message.edited')}</span>
        </Show>
        <Show when={delivery()}>{(sent) => <DeliveryBadge state={sent().state} text={mailText('mail.messageState', { state: mailText(`mail.state.${sent().state}`) })} testId="message-mail-state" />}</Show>
        <Show when={received()?.hasOriginal && received()}>
          {(mail) => (
            <button type="button" class="button small" aria-label={mailText('mail.originalLabel', { time: time() })} onClick={() => void downloadReceived(mail().id)} data-testid="message-mail-original">
              {mailText('mail.original')}
            </button>
          )}
        </Show>
        <Show when={props.readByCustomer}>
          <span class="read-receipt" data-testid="read-by-customer">
            <Icon name="checks" /> {t('message.readByCustomer')}
          </span>
        </Show>
        <Show when={editable() && !editing()}>
          <span class="actions">
            <button
              type="button"
              class="button small"
              onClick={() => {
                setDraft(props.message.body);
                setEditing(true);
              }}
              data-testid="edit"
            >
              {t('message.edit')}
            </button>
            <Show when={deletable()}>
              <button type="button" class="button small danger" onClick={() => void change('message:delete')} data-testid="delete">
                {t('message.delete')}
              </button>
            </Show>
          </span>
        </Show>
      </div>
      <Show when={error()}>
        <p class="error-text" role="alert">
          {error()}
        </p>
      </Show>
    </article>
  );
}

export function PendingItem(props: { item: OutboxItem; accepted: boolean }) {
  const state = () => (props.accepted ? 'sent' : props.item.state === 'failed' ? 'failed' : 'pending');
  return (
    <article class={`msg ${props.item.kind ?? 'reply'}`} data-testid="message" data-kind={props.item.kind ?? 'reply'} data-client-id={props.item.clientMessageId} data-state={state()}>
      <Show when={props.item.kind === 'note'}>
        <div class="note-label">
          <Icon name="lock" /> {t('message.note')}
        </div>
      </Show>
      {/* An image of a message not delivered yet shows as its name, in its place. */}
      <MessageBody
        body={props.item.body}
        image={(_id, alt) => (
          <span class="chip">
            <Icon name="image" /> {alt}
          </span>
        )}
      />
      <div class="meta">
        <Show
          when={state() === 'failed'}
          fallback={
            <span>
              <Icon name="clock" /> {props.accepted ? '' : props.item.state === 'sending' ? t('message.pending') : t('message.queued')}
            </span>
          }
        >
          <span class="error-text">{t('message.failed', { reason: props.item.error?.message ?? '' })}</span>
          <button type="button" class="button small" onClick={() => retryMessage(props.item.clientMessageId)}>
            {t('message.retry')}
          </button>
          <button type="button" class="button small" onClick={() => discardMessage(props.item.clientMessageId)}>
            {t('message.discard')}
          </button>
        </Show>
      </div>
    </article>
  );
}

function Attachments(props: { attachments: Attachment[] }) {
  return (
    <Show when={props.attachments.length}>
      <div class="attachments">
        <For each={props.attachments}>{(attachment) => <AttachmentView attachment={attachment} />}</For>
      </div>
    </Show>
  );
}

const isImage = (attachment: Attachment): boolean => attachment.contentType.startsWith('image/');

// `alt` is the author's description from an image line; a listed attachment goes by its name.
function AttachmentView(props: { attachment: Attachment; alt?: string }) {
  const image = () => isImage(props.attachment);
  // A failed read (offline, say, when the row is drawn again) shows the name instead: a resource in
  // error would throw where it is read.
  const [url] = createResource(
    () => (image() ? props.attachment.id : null),
    (id) => api.blobUrl(id).catch(() => null),
  );
  const download = async () => {
    const href = await api.blobUrl(props.attachment.id).catch(() => null);
    if (!href) return;
    const link = document.createElement('a');
    link.href = href;
    link.download = props.attachment.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  };
  return (
    <Show
      when={image()}
      fallback={
        <button type="button" class="chip" onClick={() => void download()} data-testid="attachment-file">
          <Icon name="paperclip" /> <span>{props.attachment.name}</span>
        </button>
      }
    >
      <Show
        when={url()}
        fallback={
          <span class="chip">
            <Icon name="image" /> {props.attachment.name}
          </span>
        }
      >
        {(src) => <img src={src()} alt={props.alt || props.attachment.name} loading="lazy" data-testid="attachment-image" />}
      </Show>
    </Show>
  );
}
