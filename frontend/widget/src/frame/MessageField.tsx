// The message textarea of the composer and of the new-conversation form: grows with its content
// up to a limit, Enter sends, Shift+Enter starts a new line (and Enter while an IME composes is
// left alone).
import { splitProps, type JSX } from 'solid-js';

const MAX_HEIGHT_PX = 160;

export interface MessageFieldProps extends Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'onInput' | 'onKeyDown' | 'value'> {
  value: string;
  onValue(value: string): void;
  onSubmit(): void;
}

export function MessageField(props: MessageFieldProps) {
  const [own, rest] = splitProps(props, ['value', 'onValue', 'onSubmit', 'ref']);
  let field: HTMLTextAreaElement | undefined;
  const grow = () => {
    if (!field) return;
    field.style.height = 'auto';
    field.style.height = `${Math.min(field.scrollHeight, MAX_HEIGHT_PX)}px`;
  };
  return (
    <textarea
      {...rest}
      ref={(element) => {
        field = element;
        if (typeof own.ref === 'function') own.ref(element);
        queueMicrotask(grow);
      }}
      rows={1}
      value={own.value}
      onInput={(event) => {
        own.onValue(event.currentTarget.value);
        grow();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          own.onSubmit();
          queueMicrotask(grow);
        }
      }}
    />
  );
}
