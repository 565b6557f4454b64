import { describe, expect, it } from 'vitest';
import { frameStyle, isNarrow } from '../src/layout.js';

describe('where the widget frame sits on the host page', () => {
  it('closed, it is launcher-sized in the bottom-right corner', () => {
    const style = frameStyle(false, { width: 1280, height: 800 });
    expect(style).toMatchObject({ right: '4px', bottom: '4px', width: '92px', height: '92px' });
  });

  it('open on a desktop, it is a panel in the corner that fits the viewport', () => {
    expect(frameStyle(true, { width: 1280, height: 800 })).toMatchObject({ right: '20px', bottom: '20px', width: '380px', height: '640px' });
    expect(frameStyle(true, { width: 1280, height: 500 })).toMatchObject({ height: '460px' });
    expect(frameStyle(true, { width: 400 + 100, height: 800 })).toMatchObject({ width: '380px' });
  });

  it('open on a narrow screen, it takes the whole screen', () => {
    expect(isNarrow({ width: 479, height: 800 })).toBe(true);
    expect(isNarrow({ width: 480, height: 800 })).toBe(false);
    expect(frameStyle(true, { width: 375, height: 667 })).toMatchObject({ top: '0', left: '0', width: '100%', height: '100%', 'border-radius': '0' });
    expect(frameStyle(false, { width: 375, height: 667 })).toMatchObject({ width: '92px', height: '92px' });
  });
});
