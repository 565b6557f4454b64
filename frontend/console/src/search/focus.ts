// "Go to the search box": the `/` key asks, the search page's box answers (it may be on screen
// already, or about to be).
import { createSignal } from 'solid-js';

const [focusRequests, setFocusRequests] = createSignal(0);
export { focusRequests };

export function requestSearchFocus(): void {
  setFocusRequests((count) => count + 1);
}
