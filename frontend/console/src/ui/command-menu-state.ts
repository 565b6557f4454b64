// Whether the Ctrl/Cmd-K menu is open. Apart from the menu itself, which is loaded the first time it
// opens (with message search in it, it would weigh on every console's first load).
import { createSignal } from 'solid-js';

const [commandMenuOpen, setCommandMenuOpen] = createSignal(false);
export { commandMenuOpen, setCommandMenuOpen };
