/** A window's saved place, as electron-store keeps it between starts. */
export interface SavedBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: SavedBounds = { width: 1280, height: 820 };
/** How much of the title bar must show on a display for the saved place to count as reachable. */
const VISIBLE_MIN = 100;

/**
 * Where to open the window: the saved place if enough of it shows on a connected display, else the
 * saved size centred by the OS. A laptop undocked from its second monitor would otherwise open the
 * app off-screen, where a clerk cannot reach it. Sizes are clamped to the largest work area.
 */
export function placeWindow(saved: SavedBounds | null | undefined, workAreas: readonly Rect[]): SavedBounds {
  const base = saved && saved.width > 0 && saved.height > 0 ? saved : DEFAULT_BOUNDS;
  const largest = workAreas.reduce<Rect | null>(
    (a, b) => (!a || b.width * b.height > a.width * a.height ? b : a),
    null,
  );
  const width = largest ? Math.min(base.width, largest.width) : base.width;
  const height = largest ? Math.min(base.height, largest.height) : base.height;
  const sized: SavedBounds = { width, height, ...(base.maximized ? { maximized: true } : {}) };
  if (base.x === undefined || base.y === undefined) return sized;
  const titleBar: Rect = { x: base.x, y: base.y, width, height: 32 };
  const reachable = workAreas.some(
    (area) =>
      overlapWidth(titleBar, area) >= Math.min(VISIBLE_MIN, width) &&
      titleBar.y >= area.y &&
      titleBar.y < area.y + area.height,
  );
  return reachable ? { ...sized, x: base.x, y: base.y } : sized;
}

function overlapWidth(a: Rect, b: Rect): number {
  return Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
}
