// A snippet on screen: each part a text node, the matched ones inside <mark>. Never HTML: the
// server's snippet is the customer's own text, and markup in it must show as typed.
import type { Snippet } from '@smartchat/contracts';
import { For, Show } from 'solid-js';
import { snippetParts } from './snippet.js';

export function Highlighted(props: { snippet: Snippet; class?: string; testId?: string }) {
  return (
    <span class={props.class} data-testid={props.testId}>
      <For each={snippetParts(props.snippet)}>
        {(part) => (
          <Show when={part.match} fallback={part.text}>
            <mark>{part.text}</mark>
          </Show>
        )}
      </For>
    </span>
  );
}
