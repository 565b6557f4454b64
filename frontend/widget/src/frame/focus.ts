// Focus inside the panel: each view marks where typing starts with data-autofocus (the composer,
// or the item the customer came back from); without a mark, the first control.
export function focusInto(container: HTMLElement | undefined): void {
  if (!container) return;
  const target = container.querySelector<HTMLElement>('[data-autofocus]') ?? container.querySelector<HTMLElement>('textarea, input:not([type=file]), select, button');
  target?.focus();
}
