// Message bodies are rendered by @smartchat/core's renderMarkup, which escapes every character of
// the author's text and writes only its own tags (p, br, strong, em, code, pre, a with rel/target).
// This is the one place in the console and the widget that sets innerHTML.
import { renderMarkup } from '@smartchat/core';
import { createMemo } from 'solid-js';

export function MessageBody(props: { body: string; class?: string }) {
  const html = createMemo(() => renderMarkup(props.body));
  return <div class={props.class ?? 'message-body'} innerHTML={html()} />;
}
