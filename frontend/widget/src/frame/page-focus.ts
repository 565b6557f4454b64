// Whether the customer can be looking at the widget right now: its page is visible and the frame
// has focus. Messages count as seen (and `read` goes out) only then.
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export function createPageActive(): Accessor<boolean> {
  const current = () => document.visibilityState === 'visible' && document.hasFocus();
  const [active, setActive] = createSignal(current());
  const update = () => setActive(current());
  window.addEventListener('focus', update);
  window.addEventListener('blur', update);
  document.addEventListener('visibilitychange', update);
  onCleanup(() => {
    window.removeEventListener('focus', update);
    window.removeEventListener('blur', update);
    document.removeEventListener('visibilitychange', update);
  });
  return active;
}
