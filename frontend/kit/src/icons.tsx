// The icons of the console and the widget, drawn here once on a 24×24 grid as inline SVG in the
// current text colour. Emoji are not used as icons: where no emoji font is installed (many desks'
// machines) they render as empty boxes. An icon is decorative (aria-hidden) unless it is given a
// label; a button that shows only an icon takes its name from its own aria-label.
import { For } from 'solid-js';

interface Shape {
  d: string;
  /** Filled with the text colour instead of stroked. */
  fill?: true;
  /** Stroked in --icon-accent (the text colour when unset): the second colour of a two-tone icon. */
  accent?: true;
}

const STAR = 'M12 3.1 14.4 9.3 21 9.7 15.9 13.9 17.6 20.3 12 16.7 6.4 20.3 8.1 13.9 3 9.7 9.6 9.3Z';

const ICONS = {
  /** A note, an internal conversation: only the team sees it. */
  lock: [{ d: 'M7 11h10a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1Z' }, { d: 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3' }],
  /** Waiting to be sent. */
  clock: [{ d: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18Z' }, { d: 'M12 7.5V12l3 2' }],
  /** Attach a file; a file attached. */
  paperclip: [{ d: 'M19.5 11.2 12 18.7a4.8 4.8 0 0 1-6.8-6.8l7.8-7.8a3.2 3.2 0 0 1 4.5 4.5l-7.7 7.7a1.6 1.6 0 0 1-2.3-2.3l7-7' }],
  /** An image not shown yet. */
  image: [{ d: 'M5 4h14a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1Z' }, { d: 'M9 7.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 1 0 0-3Z' }, { d: 'm4.5 17 4.5-4.5 3.5 3.5 2.5-2.5 4.5 4.5' }],
  /** A file to download. */
  file: [{ d: 'M7 3h7l5 5v12a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Z' }, { d: 'M13.5 3.5v5h5' }],
  /** The emoji picker's button. */
  smile: [{ d: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18Z' }, { d: 'M8.5 14.5a4 4 0 0 0 7 0' }, { d: 'M9 8.3a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 1 0 0-2.4Zm6 0a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 1 0 0-2.4Z', fill: true }],
  send: [{ d: 'M4 20.5 21.5 12 4 3.5l.6 6.7L14.5 12l-9.9 1.8Z', fill: true }],
  /** The composer's formatting buttons. */
  bold: [{ d: 'M7.5 5H13a3.5 3.5 0 0 1 0 7H7.5Z' }, { d: 'M7.5 12H14a3.5 3.5 0 0 1 0 7H7.5Z' }],
  italic: [{ d: 'M10 5h8M6 19h8M14.5 5l-5 14' }],
  code: [{ d: 'm9 7.5-4.5 4.5L9 16.5M15 7.5l4.5 4.5-4.5 4.5' }],
  'list-bullet': [{ d: 'M10 6.5h10M10 12h10M10 17.5h10' }, { d: 'M5 5.3a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 1 0 0-2.4Zm0 5.5a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 1 0 0-2.4Zm0 5.5a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 1 0 0-2.4Z', fill: true }],
  'list-ordered': [{ d: 'M10 6.5h10M10 12h10M10 17.5h10' }, { d: 'M4 5h1.5v4.5M4 9.5h3M4 15h3l-3 4h3', accent: true }],
  quote: [{ d: 'M5.5 5v14' }, { d: 'M10 8h9M10 12h9M10 16h6' }],
  back: [{ d: 'M15 5 8 12l7 7' }],
  close: [{ d: 'M6 6l12 12M18 6 6 18' }],
  check: [{ d: 'm5 12.5 4.5 4.5L19 7.5' }],
  /** Read by the other side. */
  checks: [{ d: 'm1.5 12.5 4.5 4.5 9.5-9.5' }, { d: 'm11 16.5.5.5 9.5-9.5' }],
  dot: [{ d: 'M12 9.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 1 0 0-5Z', fill: true }],
  'chevron-up': [{ d: 'm6 15 6-6 6 6' }],
  star: [{ d: STAR, fill: true }],
  'star-outline': [{ d: STAR }],
  /** The chat bubble: the widget's launcher, the product's mark. */
  chat: [{ d: 'M5 3.5h14a2 2 0 0 1 2 2v9.5a2 2 0 0 1-2 2h-8.5L5.6 20.8A.8.8 0 0 1 4.3 20.2V17H5a2 2 0 0 1-2-2V5.5a2 2 0 0 1 2-2Z', fill: true }, { d: 'M7.5 8.5h9M7.5 12.5h6', accent: true }],
} satisfies Record<string, readonly Shape[]>;

export type IconName = keyof typeof ICONS;

/**
 * One icon, 1em square by default (a class may size it). Decorative unless `label` is given, in
 * which case it is an image with that name. `data-icon` names it (tests tell the kit's own SVG
 * from anything else).
 */
export function Icon(props: { name: IconName; class?: string; label?: string }) {
  const shapes = (): readonly Shape[] => ICONS[props.name];
  return (
    <svg
      class={props.class ? `icon ${props.class}` : 'icon'}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      role={props.label ? 'img' : undefined}
      aria-label={props.label}
      aria-hidden={props.label ? undefined : 'true'}
      data-icon={props.name}
    >
      <For each={shapes()}>{(shape) => <path d={shape.d} fill={shape.fill ? 'currentColor' : undefined} stroke={shape.fill ? 'none' : shape.accent ? 'var(--icon-accent, currentColor)' : undefined} />}</For>
    </svg>
  );
}
