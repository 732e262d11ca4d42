/** How far a press may move and still be a click or tap rather than a pan (a fingertip wobbles more). */
const SLOP_PX = { mouse: 4, pen: 6, touch: 10 };
/** A tap on a canvas shown smaller than this (CSS px a pixel) zooms in to pick it. */
const TAP_PICK_SCALE = 6;
const TAP_ZOOM_TO = 12;

/**
 * Pointer input on the canvas (Pointer Events, so mouse, pen and touch alike). A press that stays put is a pick:
 * a mouse's places at once, a tap's picks a target to confirm. One pointer moved past the slop pans; two fingers
 * pinch, zooming around their centre and panning with it. A pan or a pinch never picks, nor does a press that
 * ever had a second finger down, however it ends. The wheel zooms around the cursor; keys zoom and pan.
 * The canvas has `touch-action: none`, so the browser leaves every gesture on it to this.
 */
export class CanvasInput {
  /**
   * @param {CanvasView} view what to zoom and pan
   * @param {object} on pick(pixel, {touch, altKey, shiftKey}) for a click or tap on a pixel; hover(pixel or null)
   */
  constructor(view, on) {
    this.view = view;
    this.on = on;
    this.element = view.element;
    /** The pointers down: id → {x, y} in the element's CSS pixels. */
    this.pointers = new Map();
    /** The press under way: where it started, whether it moved, whether it ever had two pointers, the pinch. */
    this.press = null;
    this.listen();
  }

  point(event) {
    const box = this.element.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  listen() {
    const element = this.element;
    element.addEventListener('pointerdown', (event) => this.down(event));
    element.addEventListener('pointermove', (event) => this.move(event));
    element.addEventListener('pointerup', (event) => this.up(event, false));
    element.addEventListener('pointercancel', (event) => this.up(event, true));
    element.addEventListener('pointerleave', (event) => {
      if (event.pointerType === 'mouse') {
        this.on.hover(null);
      }
    });
    element.addEventListener('wheel', (event) => {
      event.preventDefault();
      const at = this.point(event);
      this.view.zoomBy(Math.pow(1.2, -event.deltaY / 100), at.x, at.y);
    }, { passive: false });
    element.addEventListener('keydown', (event) => this.key(event));
  }

  down(event) {
    if (event.pointerType === 'mouse' && event.button !== 0) {
      return;
    }
    const at = this.point(event);
    this.element.setPointerCapture(event.pointerId);
    this.pointers.set(event.pointerId, at);
    if (this.pointers.size === 1) {
      this.press = { start: at, moved: false, multi: false, type: event.pointerType };
    } else if (this.press) {
      this.press.multi = true;
      this.press.pinch = this.pinchOf();
    }
  }

  move(event) {
    const at = this.point(event);
    if (event.pointerType === 'mouse') {
      this.on.hover(this.view.pixelAt(at.x, at.y));
    }
    const last = this.pointers.get(event.pointerId);
    if (!last || !this.press) {
      return;
    }
    this.pointers.set(event.pointerId, at);
    if (this.pointers.size >= 2) {
      this.pinchMove();
      return;
    }
    const slop = SLOP_PX[this.press.type] ?? SLOP_PX.mouse;
    if (!this.press.moved && Math.hypot(at.x - this.press.start.x, at.y - this.press.start.y) > slop) {
      this.press.moved = true;
      this.element.classList.add('dragging');
    }
    if (this.press.moved) {
      this.view.panBy(at.x - last.x, at.y - last.y);
    }
  }

  /** The first two pointers' distance and midpoint. */
  pinchOf() {
    const [a, b] = [...this.pointers.values()];
    return { distance: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  }

  /** Zooms by how far the fingers spread, around where they were, then pans as their midpoint moved. */
  pinchMove() {
    const before = this.press.pinch ?? this.pinchOf();
    const now = this.pinchOf();
    this.view.zoomBy(now.distance / before.distance, before.x, before.y);
    this.view.panBy(now.x - before.x, now.y - before.y);
    this.press.pinch = now;
  }

  up(event, cancelled) {
    if (!this.pointers.delete(event.pointerId) || !this.press) {
      return;
    }
    const press = this.press;
    if (this.pointers.size > 0) {
      press.pinch = null; // the finger left pans on from here, and the press picks nothing
      return;
    }
    this.press = null;
    this.element.classList.remove('dragging');
    if (cancelled || press.moved || press.multi) {
      return;
    }
    const at = this.point(event);
    const touch = press.type === 'touch';
    if (touch && this.view.scale < TAP_PICK_SCALE) {
      // Too small to hit one pixel with a finger: zoom in around the tap, keeping the tapped pixel under it.
      this.view.zoomBy(TAP_ZOOM_TO / this.view.scale, at.x, at.y);
    }
    const pixel = this.view.pixelAt(at.x, at.y);
    if (pixel) {
      this.on.pick(pixel, { touch, altKey: event.altKey, shiftKey: event.shiftKey });
    }
  }

  key(event) {
    const view = this.view;
    const step = 40;
    const keys = {
      '+': () => view.zoomBy(1.5), '=': () => view.zoomBy(1.5), '-': () => view.zoomBy(1 / 1.5),
      '0': () => view.fit(), ArrowLeft: () => view.panBy(step, 0), ArrowRight: () => view.panBy(-step, 0),
      ArrowUp: () => view.panBy(0, step), ArrowDown: () => view.panBy(0, -step),
    };
    if (keys[event.key]) {
      event.preventDefault();
      keys[event.key]();
    }
  }
}
