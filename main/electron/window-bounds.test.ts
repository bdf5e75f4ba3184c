import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, placeWindow } from './window-bounds';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const monitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  it('keeps a saved place that shows on a connected display', () => {
    expect(placeWindow({ x: 2000, y: 100, width: 1400, height: 900 }, [laptop, monitor])).toEqual({
      x: 2000,
      y: 100,
      width: 1400,
      height: 900,
    });
  });

  it('drops the place, keeping the size, when its display is gone (undocked laptop)', () => {
    expect(placeWindow({ x: 2000, y: 100, width: 1400, height: 900 }, [laptop])).toEqual({ width: 1400, height: 900 });
  });

  it('drops a place whose title bar is above or barely on the display', () => {
    expect(placeWindow({ x: 100, y: -200, width: 1200, height: 800 }, [laptop])).toEqual({ width: 1200, height: 800 });
    expect(placeWindow({ x: 1880, y: 10, width: 1200, height: 800 }, [laptop])).toEqual({ width: 1200, height: 800 });
  });

  it('shrinks a size larger than the largest display and keeps the maximized state', () => {
    expect(placeWindow({ width: 3000, height: 2000, maximized: true }, [laptop])).toEqual({
      width: 1920,
      height: 1040,
      maximized: true,
    });
  });

  it('uses the default for nothing saved or a broken size', () => {
    expect(placeWindow(undefined, [laptop])).toEqual(DEFAULT_BOUNDS);
    expect(placeWindow({ x: 10, y: 10, width: 0, height: 0 }, [laptop])).toEqual(DEFAULT_BOUNDS);
  });
});
