// Files on a message. Downloads need the bearer token, so an image is fetched with it and shown
// from a blob: URL; any other file downloads the same way when clicked. Names are always text.
import type { Attachment } from '@smartchat/contracts';
import { Icon, type Api } from '@smartchat/frontend-kit';
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { formatSize, isImageType } from './attachment-rules.js';
import type { WidgetI18n } from './i18n.js';

interface AttachmentProps {
  attachment: Attachment;
  api: Api;
  i18n: WidgetI18n;
  onMediaLoad(): void;
}

export function AttachmentList(props: { attachments: readonly Attachment[]; api: Api | null; i18n: WidgetI18n; onMediaLoad(): void }) {
  return (
    <Show when={props.attachments.length}>
      <ul class="attachments">
        <For each={props.attachments}>
          {(attachment) => (
            <li>
              <Show when={props.api} fallback={<span class="attachment attachment--local">{attachment.name}</span>}>
                {(api) =>
                  isImageType(attachment.contentType) ? (
                    <ImageAttachment attachment={attachment} api={api()} i18n={props.i18n} onMediaLoad={props.onMediaLoad} />
                  ) : (
                    <FileAttachment attachment={attachment} api={api()} i18n={props.i18n} onMediaLoad={props.onMediaLoad} />
                  )
                }
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

function useBlobUrl() {
  const [url, setUrl] = createSignal<string | null>(null);
  onCleanup(() => {
    const current = url();
    if (current) URL.revokeObjectURL(current);
  });
  return [url, setUrl] as const;
}

function ImageAttachment(props: AttachmentProps) {
  const [url, setUrl] = useBlobUrl();
  const [failed, setFailed] = createSignal(false);
  onMount(() => {
    props.api.blobUrl(props.attachment.id).then(setUrl, () => setFailed(true));
  });
  return (
    <Show
      when={url()}
      fallback={
        <span class="attachment attachment--image-placeholder">
          {props.attachment.name}
          <Show when={failed()}> — {props.i18n.t('attachmentUnavailable')}</Show>
        </span>
      }
    >
      {(src) => (
        <a class="attachment attachment--image" href={src()} target="_blank" rel="noopener" aria-label={props.i18n.t('image', { name: props.attachment.name })}>
          <img src={src()} alt={props.attachment.name} onLoad={() => props.onMediaLoad()} />
        </a>
      )}
    </Show>
  );
}

function FileAttachment(props: AttachmentProps) {
  const [url, setUrl] = useBlobUrl();
  const [failed, setFailed] = createSignal(false);
  let link: HTMLAnchorElement | undefined;
  const download = (event: MouseEvent) => {
    if (url()) return;
    event.preventDefault();
    props.api.blobUrl(props.attachment.id).then(
      (blobUrl) => {
        setUrl(blobUrl);
        setFailed(false);
        queueMicrotask(() => link?.click());
      },
      () => setFailed(true),
    );
  };
  return (
    <a
      ref={link}
      class="attachment attachment--file"
      href={url() ?? '#'}
      download={props.attachment.name}
      onClick={download}
    >
      {/* Said before the name and size it shows, not instead of them (the link's name holds its visible text). */}
      <span class="visually-hidden">{props.i18n.t('download')} </span>
      <Icon name="file" class="attachment__icon" />
      <span class="attachment__name">{props.attachment.name}</span>
      <span class="attachment__size">{formatSize(props.attachment.size, props.i18n.locale())}</span>
      <Show when={failed()}>
        <span class="attachment__error"> — {props.i18n.t('attachmentUnavailable')}</span>
      </Show>
    </a>
  );
}
