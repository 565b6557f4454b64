// One message in the thread: the customer's own bubbles on the right (with their sending state),
// agent replies on the left with the agent's name, notices (Smartchat's messages to the customer:
// a trip change, a document) as a labelled card in the middle with their files, system events as
// a centred line (the server sends customers none, so this is only a fallback). Bodies go
// through the kit's MessageBody only; names and file names are text. An image line of the body
// shows one of the message's own image attachments in place, and that attachment then leaves the
// list under the bubble's text.
import type { Attachment, Message } from '@smartchat/contracts';
import { inlineImageIds } from '@smartchat/core';
import { formatTime, Icon, MessageBody, type Api, type MessageImage } from '@smartchat/frontend-kit';
import { createMemo, Show } from 'solid-js';
import { isImageType } from './attachment-rules.js';
import { AttachmentList } from './Attachments.jsx';
import type { WidgetI18n } from './i18n.js';
import type { LocalMessage } from './thread-items.js';

interface Common {
  i18n: WidgetI18n;
  onMediaLoad(): void;
}

export function ServerMessage(props: Common & { message: Message; read: boolean; api: Api }) {
  const t = (key: Parameters<WidgetI18n['t']>[0], vars?: Record<string, string | number>) => props.i18n.t(key, vars);
  const kind = () => props.message.kind;
  const who = () => (kind() === 'customer' ? t('you') : kind() === 'notice' ? t('notice') : kind() === 'system' ? t('system') : (props.message.author.name ?? t('agent')));
  // Only this message's own images (as the list would show them as images), so a body cannot pull
  // in a file from anywhere else.
  const image: MessageImage = (attachmentId) => {
    const attachment = props.message.attachments.find((candidate) => isImage(candidate) && candidate.id.toLowerCase() === attachmentId);
    return attachment && <AttachmentList attachments={[attachment]} api={props.api} i18n={props.i18n} onMediaLoad={props.onMediaLoad} />;
  };
  const listed = createMemo(() => {
    const inline = new Set(inlineImageIds(props.message.body));
    return props.message.attachments.filter((attachment) => !(isImage(attachment) && inline.has(attachment.id.toLowerCase())));
  });
  return (
    <div
      class={`message message--${kind()}`}
      data-testid="widget-message"
      data-kind={kind()}
      data-id={props.message.id}
      data-client-id={props.message.clientMessageId ?? undefined}
      data-state="sent"
    >
      <Show when={kind() === 'reply' || kind() === 'notice'}>
        <div class="message__author" aria-hidden="true">
          {who()}
        </div>
      </Show>
      <div class="message__bubble">
        <span class="visually-hidden">{who()}: </span>
        <Show when={!props.message.deleted} fallback={<p class="message__deleted">{t('deleted')}</p>}>
          <Show when={props.message.body.trim()}>
            <MessageBody body={props.message.body} class="message__body" image={image} />
          </Show>
          <AttachmentList attachments={listed()} api={props.api} i18n={props.i18n} onMediaLoad={props.onMediaLoad} />
        </Show>
      </div>
      <Show when={kind() !== 'system'}>
        <div class="message__meta">
          <time dateTime={props.message.createdAt}>{formatTime(props.message.createdAt, props.i18n.locale())}</time>
          <Show when={props.message.editedAt && !props.message.deleted}>
            <span class="message__edited"> · {t('edited')}</span>
          </Show>
        </div>
      </Show>
      <Show when={props.read}>
        <div class="message__read" data-testid="widget-read">
          <Icon name="checks" class="message__read-icon" /> {t('read')}
        </div>
      </Show>
    </div>
  );
}

export function PendingMessage(props: Common & { local: LocalMessage; onRetry(): void; onDiscard(): void }) {
  const t = (key: Parameters<WidgetI18n['t']>[0]) => props.i18n.t(key);
  const failed = () => props.local.state === 'failed';
  return (
    <div
      class={`message message--customer message--${props.local.state}`}
      data-testid="widget-message"
      data-kind="customer"
      data-id={props.local.id ?? undefined}
      data-client-id={props.local.clientMessageId}
      data-state={props.local.state}
    >
      <div class="message__bubble">
        <span class="visually-hidden">{t('you')}: </span>
        <Show when={props.local.body.trim()}>
          <MessageBody body={props.local.body} class="message__body" />
        </Show>
        <AttachmentList attachments={props.local.attachments} api={null} i18n={props.i18n} onMediaLoad={props.onMediaLoad} />
      </div>
      <div class="message__meta">
        <Show
          when={failed()}
          fallback={
            <span class="message__pending">
              <Icon name="clock" />
              <span>{t('pending')}</span>
            </span>
          }
        >
          <span class="message__failed" role="alert">
            {t('failed')}
          </span>
          <button type="button" class="link-button" onClick={() => props.onRetry()}>
            {t('retry')}
          </button>
          <button type="button" class="link-button" onClick={() => props.onDiscard()}>
            {t('discard')}
          </button>
        </Show>
      </div>
    </div>
  );
}

const isImage = (attachment: Attachment): boolean => attachment.contentType.startsWith('image/') && isImageType(attachment.contentType);
