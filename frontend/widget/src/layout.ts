// Where the widget's iframe sits on the host page: launcher-sized in the bottom-right corner when
// closed; a panel there when open; the whole screen when open on a narrow (phone) viewport.

/** Below this viewport width an open widget takes the whole screen. */
export const NARROW_VIEWPORT_MAX = 480;

const CLOSED_SIZE = 92;
const PANEL_WIDTH = 380;
const PANEL_HEIGHT = 640;
const MARGIN = 20;
/** The launcher button sits this far inside the closed frame (room for its shadow and badge). */
const CLOSED_OFFSET = 4;

export interface Viewport {
  width: number;
  height: number;
}

/** CSS properties (kebab-case) for the iframe element. */
export type FrameStyle = Record<string, string>;

/** What never changes: isolated from the host page's CSS as far as an element's style can be. */
export const baseFrameStyle: FrameStyle = {
  position: 'fixed',
  'z-index': '2147483000',
  border: '0',
  margin: '0',
  padding: '0',
  display: 'block',
  background: 'transparent',
  'color-scheme': 'normal',
  'max-width': 'none',
  'max-height': 'none',
  'min-width': '0',
  'min-height': '0',
  opacity: '1',
  visibility: 'visible',
};

export function isNarrow(viewport: Viewport): boolean {
  return viewport.width < NARROW_VIEWPORT_MAX;
}

export function frameStyle(open: boolean, viewport: Viewport): FrameStyle {
  if (!open) {
    return {
      top: 'auto',
      left: 'auto',
      right: `${CLOSED_OFFSET}px`,
      bottom: `${CLOSED_OFFSET}px`,
      width: `${CLOSED_SIZE}px`,
      height: `${CLOSED_SIZE}px`,
      'border-radius': '0',
      'box-shadow': 'none',
    };
  }
  if (isNarrow(viewport)) {
    return { top: '0', left: '0', right: '0', bottom: '0', width: '100%', height: '100%', 'border-radius': '0', 'box-shadow': 'none' };
  }
  const width = Math.min(PANEL_WIDTH, viewport.width - 2 * MARGIN);
  const height = Math.max(320, Math.min(PANEL_HEIGHT, viewport.height - 2 * MARGIN));
  return {
    top: 'auto',
    left: 'auto',
    right: `${MARGIN}px`,
    bottom: `${MARGIN}px`,
    width: `${width}px`,
    height: `${height}px`,
    'border-radius': '14px',
    'box-shadow': '0 12px 40px rgba(0, 0, 0, 0.28)',
  };
}
