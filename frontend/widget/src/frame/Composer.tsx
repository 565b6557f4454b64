// Writing in a thread: the growing textarea, files uploaded at once with their progress (the
// message waits for them), typing notifications, and sending through the outbox.
import type { Attachment } from '@smartchat/contracts';
import { Icon } from '@smartchat/frontend-kit';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { ACCEPTED_TYPES, fileProblem, formatSize, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE } from './attachment-rules.js';
import { describeError } from './errors.js';
import type { WidgetI18n } from './i18n.js';
import { MessageField } from './MessageField.jsx';
import type { WidgetSession } from './session.js';
import { createTypingNotifier } from './typing.js';
import { uploadAttachment } from './upload.js';

interface Upload {
  key: number;
  name: string;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  attachment?: Attachment;
  error?: string;
  abort: AbortController;
}

let uploadSequence = 0;

export function Composer(props: { session: WidgetSession; conversationId: string; i18n: WidgetI18n; onSent(): void }) {
  const t = props.i18n.t;
  const [text, setText] = createSignal('');
  const [uploads, setUploads] = createSignal<readonly Upload[]>([]);
  const [notice, setNotice] = createSignal<string | null>(null);
  let fileInput: HTMLInputElement | undefined;

  const typing = createTypingNotifier({
    send: (value) => {
      const socket = props.session.connection.socket;
      if (socket.connected) socket.emit('typing', { conversationId: props.conversationId, typing: value });
    },
  });
  onCleanup(() => {
    typing.stop();
    for (const upload of uploads()) upload.abort.abort();
  });

  const update = (key: number, change: Partial<Upload>) => setUploads((list) => list.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));
  const remove = (key: number) =>
    setUploads((list) => {
      list.find((upload) => upload.key === key)?.abort.abort();
      return list.filter((upload) => upload.key !== key);
    });

  const pick = (files: FileList | null) => {
    setNotice(null);
    for (const file of Array.from(files ?? [])) {
      if (uploads().filter((upload) => upload.state !== 'failed').length >= MAX_ATTACHMENTS_PER_MESSAGE) {
        setNotice(t('tooManyFiles', { count: MAX_ATTACHMENTS_PER_MESSAGE }));
        break;
      }
      const key = ++uploadSequence;
      const abort = new AbortController();
      const problem = fileProblem(file);
      if (problem) {
        const reason = problem === 'type' ? t('fileType') : problem === 'empty' ? t('fileEmpty') : t('fileSize', { size: formatSize(MAX_ATTACHMENT_BYTES, props.i18n.locale()) });
        setUploads((list) => [...list, { key, name: file.name, progress: 0, state: 'failed', error: reason, abort }]);
        continue;
      }
      setUploads((list) => [...list, { key, name: file.name, progress: 0, state: 'uploading', abort }]);
      uploadAttachment({ baseUrl: '', token: props.session.token(), conversationId: props.conversationId, file, signal: abort.signal, onProgress: (progress) => update(key, { progress }) }).then(
        (attachment) => update(key, { state: 'done', progress: 1, attachment }),
        (error: unknown) => {
          if (!abort.signal.aborted) update(key, { state: 'failed', error: describeError(error, props.i18n) });
        },
      );
    }
    if (fileInput) fileInput.value = '';
  };

  const send = () => {
    if (uploads().some((upload) => upload.state === 'uploading')) {
      setNotice(t('waitForUploads'));
      return;
    }
    const body = text();
    const attachments = uploads().flatMap((upload) => (upload.state === 'done' && upload.attachment ? [upload.attachment] : []));
    if (!body.trim() && !attachments.length) return;
    props.session.store.send(props.conversationId, body.trim() ? body : '', attachments);
    setText('');
    setUploads([]);
    setNotice(null);
    typing.stop();
    props.onSent();
  };

  const uploading = () => uploads().some((upload) => upload.state === 'uploading');

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Show when={uploads().length}>
        <ul class="uploads">
          <For each={uploads()}>
            {(upload) => (
              <li class={`upload upload--${upload.state}`}>
                <span class="upload__name">{upload.name}</span>
                <span class="upload__state">
                  {upload.state === 'uploading' ? t('uploading', { percent: Math.round(upload.progress * 100) }) : upload.state === 'failed' ? t('uploadFailed', { reason: upload.error ?? '' }) : formatSize(upload.attachment?.size ?? 0, props.i18n.locale())}
                </span>
                <Show when={upload.state === 'uploading'}>
                  <progress class="upload__progress" max="1" value={upload.progress} aria-label={upload.name} />
                </Show>
                <button type="button" class="icon-button icon-button--small" aria-label={t('removeAttachment', { name: upload.name })} onClick={() => remove(upload.key)}>
                  <Icon name="close" />
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={notice()}>
        <p class="composer__notice" role="alert">
          {notice()}
        </p>
      </Show>
      <div class="composer__row">
        <button type="button" class="icon-button" aria-label={t('attach')} title={t('attach')} onClick={() => fileInput?.click()}>
          <Icon name="paperclip" />
        </button>
        <input ref={fileInput} type="file" multiple accept={ACCEPTED_TYPES} class="visually-hidden" tabindex="-1" aria-label={t('attach')} data-testid="widget-attach" onChange={(event) => pick(event.currentTarget.files)} />
        <MessageField
          class="composer__field"
          data-testid="widget-composer"
          data-autofocus=""
          aria-label={t('composerLabel')}
          placeholder={t('composerPlaceholder')}
          maxLength={10_000}
          value={text()}
          onValue={(value) => {
            setText(value);
            if (value.trim()) typing.input();
            else typing.stop();
          }}
          onBlur={() => typing.stop()}
          onSubmit={send}
        />
        <button type="submit" class="send-button" data-testid="widget-send" aria-label={t('send')} title={uploading() ? t('waitForUploads') : t('send')}>
          <Icon name="send" />
        </button>
      </div>
    </form>
  );
}
