// Message bodies are rendered by @smartchat/core's markupSegments, the HTML of renderMarkup cut at
// image lines. That HTML escapes every character of the author's text and holds only the
// renderer's own tags (p, br, strong, em, code, pre, ul, ol, li, blockquote, a with rel/target).
// This is the one place in the console and the widget that sets innerHTML.
//
// Image lines are left to the caller, which knows the message's attachments and fetches them
// with its credentials; an image it cannot show reads as the line the author wrote, as text.
import { type ImageBlock, markupSegments } from '@smartchat/core';
import { createMemo, For, type JSX, Show } from 'solid-js';

/** Shows one of the message's own attachments inline, or undefined when it cannot. */
export type MessageImage = (attachmentId: string, alt: string) => JSX.Element | undefined;

// One wrapper with the caller's class, as before, and one element per segment inside it: a
// `.message-markup` div for HTML, a `.message-image` div for an image the caller shows, a plain <p>
// (a text child, never HTML) for one it does not. Stylesheets space and size them by these classes.
export function MessageBody(props: { body: string; class?: string; image?: MessageImage }) {
  const segments = createMemo(() => markupSegments(props.body));
  return (
    <div class={props.class ?? 'message-body'}>
      <For each={segments()}>
        {(segment) => (segment.kind === 'html' ? <div class="message-markup" innerHTML={segment.html} /> : <ImageSegment segment={segment} image={props.image} />)}
      </For>
    </div>
  );
}

function ImageSegment(props: { segment: ImageBlock; image: MessageImage | undefined }) {
  const shown = createMemo(() => props.image?.(props.segment.attachmentId, props.segment.alt));
  return (
    <Show when={shown()} fallback={<p>{props.segment.source}</p>}>
      <div class="message-image">{shown()}</div>
    </Show>
  );
}
