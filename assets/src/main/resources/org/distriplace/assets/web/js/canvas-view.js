const MIN_SCALE = 0.25;
const MAX_SCALE = 64;
const GRID_FROM_SCALE = 8;

/**
 * Draws the canvas: the committed pixels (one palette index each) in an offscreen bitmap, scaled with zoom and
 * pan, a pixel grid at high zoom, pending placements and a touch's target (a reticle) on top. Updates are batched
 * and drawn once per animation frame. Zoom keeps the pixel under the cursor fixed. A past canvas can be shown
 * instead of the live one. Input is {@link CanvasInput}'s.
 */
export class CanvasView {
  constructor(element) {
    this.element = element;
    this.context = element.getContext('2d');
    this.width = 0;
    this.height = 0;
    this.indices = new Uint8Array(0);
    this.colors = [];
    this.rgb = [];
    this.indexOfColor = new Map();
    this.pending = new Map();
    this.scale = 1;
    this.offsetX = 0;
    this.offsetY = 0;
    this.fitted = false;
    /** Fitted and not zoomed or panned since: a resize (a phone turned, a bar shown) fits again. */
    this.following = false;
    this.frameRequested = false;
    this.bitmap = document.createElement('canvas');
    this.past = null;
    this.pastBitmap = document.createElement('canvas');
    this.target = null;
    new ResizeObserver(() => this.resize()).observe(element);
  }

  setPalette(colors) {
    this.colors = colors.map((c) => c.toUpperCase());
    this.rgb = this.colors.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    this.indexOfColor = new Map(this.colors.map((hex, i) => [hex, i]));
  }

  /** Replaces everything with a fresh canvas (palette indexes, row-major). */
  load(width, height, indices) {
    const resized = width !== this.width || height !== this.height;
    this.width = width;
    this.height = height;
    this.indices = indices;
    this.bitmap.width = width;
    this.bitmap.height = height;
    this.image = this.bitmap.getContext('2d').createImageData(width, height);
    for (let i = 0; i < indices.length; i++) {
      this.paint(i, indices[i]);
    }
    this.bitmap.getContext('2d').putImageData(this.image, 0, 0);
    if (resized || !this.fitted) {
      this.fit();
    }
    this.requestFrame();
  }

  /** Applies committed pixels: [{x, y, color}]. */
  apply(events) {
    const bitmap = this.bitmap.getContext('2d');
    for (const { x, y, color } of events) {
      const index = this.indexOfColor.get(color.toUpperCase());
      if (index === undefined || x < 0 || y < 0 || x >= this.width || y >= this.height) {
        continue;
      }
      this.indices[y * this.width + x] = index;
      this.paint(y * this.width + x, index);
    }
    if (events.length > 0) {
      bitmap.putImageData(this.image, 0, 0);
      this.requestFrame();
    }
  }

  paint(offset, index) {
    const [r, g, b] = this.rgb[index] ?? [0, 0, 0];
    const at = offset * 4;
    this.image.data[at] = r;
    this.image.data[at + 1] = g;
    this.image.data[at + 2] = b;
    this.image.data[at + 3] = 255;
  }

  /** The committed colour of a pixel. */
  colorAt(x, y) {
    return this.colors[this.indices[y * this.width + x]];
  }

  /** Shows a past canvas (palette indexes, row-major) instead of the live one, which keeps updating unseen. */
  showPast(indices) {
    this.past = indices;
    this.pastBitmap.width = this.width;
    this.pastBitmap.height = this.height;
    const context = this.pastBitmap.getContext('2d');
    const image = context.createImageData(this.width, this.height);
    for (let i = 0; i < indices.length; i++) {
      const [r, g, b] = this.rgb[indices[i]] ?? [0, 0, 0];
      image.data.set([r, g, b, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
    this.requestFrame();
  }

  /** Back to the live canvas. */
  showLive() {
    this.past = null;
    this.requestFrame();
  }

  /** The colour shown at a pixel: the past one while the history is shown. */
  shownColorAt(x, y) {
    return this.past ? this.colors[this.past[y * this.width + x]] : this.colorAt(x, y);
  }

  /** The part of the canvas on screen, clamped to it: {x, y, width, height}. */
  visibleRegion() {
    const from = { x: Math.max(0, Math.floor(-this.offsetX / this.scale)), y: Math.max(0, Math.floor(-this.offsetY / this.scale)) };
    const to = {
      x: Math.min(this.width, Math.ceil((this.element.clientWidth - this.offsetX) / this.scale)),
      y: Math.min(this.height, Math.ceil((this.element.clientHeight - this.offsetY) / this.scale)),
    };
    return { x: from.x, y: from.y, width: Math.max(1, to.x - from.x), height: Math.max(1, to.y - from.y) };
  }

  setPending(x, y, color) {
    this.pending.set(`${x},${y}`, { x, y, color });
    this.requestFrame();
  }

  clearPending(x, y) {
    this.pending.delete(`${x},${y}`);
    this.requestFrame();
  }

  /** The pixel a tap picked, drawn in {@code color} inside a reticle (null: none). */
  setTarget(pixel, color) {
    this.target = pixel ? { x: pixel.x, y: pixel.y, color } : null;
    this.requestFrame();
  }

  // ------------------------------------------------------------------ view transform

  fit() {
    const { clientWidth, clientHeight } = this.element;
    if (!this.width || !clientWidth || !clientHeight) {
      return;
    }
    this.scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, Math.min(clientWidth / this.width,
      clientHeight / this.height) * 0.95));
    this.offsetX = (clientWidth - this.width * this.scale) / 2;
    this.offsetY = (clientHeight - this.height * this.scale) / 2;
    this.fitted = true;
    this.following = true;
    this.requestFrame();
  }

  /** Zooms by {@code factor} keeping the canvas point under (screenX, screenY) where it is. */
  zoomBy(factor, screenX = this.element.clientWidth / 2, screenY = this.element.clientHeight / 2) {
    const next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, this.scale * factor));
    const canvasX = (screenX - this.offsetX) / this.scale;
    const canvasY = (screenY - this.offsetY) / this.scale;
    this.scale = next;
    this.following = false;
    this.offsetX = screenX - canvasX * next;
    this.offsetY = screenY - canvasY * next;
    this.requestFrame();
  }

  panBy(dx, dy) {
    this.offsetX += dx;
    this.offsetY += dy;
    this.following = false;
    this.requestFrame();
  }

  /** The pixel under a point of the element, or null outside the canvas. */
  pixelAt(screenX, screenY) {
    const x = Math.floor((screenX - this.offsetX) / this.scale);
    const y = Math.floor((screenY - this.offsetY) / this.scale);
    return x >= 0 && y >= 0 && x < this.width && y < this.height ? { x, y } : null;
  }

  /** The centre of a pixel, in page coordinates (for tests and tools). */
  screenPointOf(x, y) {
    const box = this.element.getBoundingClientRect();
    return { x: box.left + this.offsetX + (x + 0.5) * this.scale, y: box.top + this.offsetY + (y + 0.5) * this.scale };
  }

  // ------------------------------------------------------------------ drawing

  resize() {
    const ratio = window.devicePixelRatio || 1;
    this.element.width = Math.round(this.element.clientWidth * ratio);
    this.element.height = Math.round(this.element.clientHeight * ratio);
    if (!this.fitted || this.following) {
      this.fit();
    }
    this.requestFrame();
  }

  requestFrame() {
    if (!this.frameRequested) {
      this.frameRequested = true;
      requestAnimationFrame(() => this.draw());
    }
  }

  draw() {
    this.frameRequested = false;
    const ratio = window.devicePixelRatio || 1;
    const g = this.context;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, this.element.clientWidth, this.element.clientHeight);
    // Nearest-neighbour while a canvas pixel covers a device pixel or more; below that it would skip pixels (a
    // lone pixel vanishing at Fit), so the bitmap is filtered down instead and each pixel shows, faint.
    g.imageSmoothingEnabled = this.scale * ratio < 1;
    g.imageSmoothingQuality = 'high';
    g.drawImage(this.past ? this.pastBitmap : this.bitmap, this.offsetX, this.offsetY, this.width * this.scale, this.height * this.scale);
    if (this.scale >= GRID_FROM_SCALE) {
      this.drawGrid(g);
    }
    for (const { x, y, color } of this.past ? [] : this.pending.values()) {
      g.fillStyle = color;
      g.fillRect(this.offsetX + x * this.scale, this.offsetY + y * this.scale, this.scale, this.scale);
      g.setLineDash([Math.max(1, this.scale / 4)]);
      g.strokeStyle = '#111';
      g.lineWidth = Math.max(1, this.scale / 10);
      g.strokeRect(this.offsetX + x * this.scale, this.offsetY + y * this.scale, this.scale, this.scale);
      g.setLineDash([]);
    }
    if (this.target && !this.past) {
      this.drawReticle(g, this.target);
    }
  }

  /** Corner brackets around the target pixel, at least a fingertip's target wide, in black and white. */
  drawReticle(g, { x, y, color }) {
    const left = this.offsetX + x * this.scale;
    const top = this.offsetY + y * this.scale;
    if (this.scale >= 4) {
      g.fillStyle = color;
      g.fillRect(left, top, this.scale, this.scale);
    }
    const size = Math.max(this.scale + 8, 18);
    const cx = left + this.scale / 2;
    const cy = top + this.scale / 2;
    const half = size / 2;
    const arm = size / 3;
    g.beginPath();
    for (const [sx, sy] of [[-1, -1], [1, -1], [1, 1], [-1, 1]]) {
      const px = cx + sx * half;
      const py = cy + sy * half;
      g.moveTo(px - sx * arm, py);
      g.lineTo(px, py);
      g.lineTo(px, py - sy * arm);
    }
    g.lineCap = 'square';
    g.strokeStyle = '#fff';
    g.lineWidth = 5;
    g.stroke();
    g.strokeStyle = '#111';
    g.lineWidth = 2.5;
    g.stroke();
  }

  drawGrid(g) {
    const from = this.pixelAt(0, 0) ?? { x: 0, y: 0 };
    const columns = Math.ceil(this.element.clientWidth / this.scale) + 1;
    const rows = Math.ceil(this.element.clientHeight / this.scale) + 1;
    g.strokeStyle = 'rgba(0, 0, 0, 0.15)';
    g.lineWidth = 1;
    g.beginPath();
    for (let x = Math.max(0, from.x); x <= Math.min(this.width, from.x + columns); x++) {
      const sx = Math.round(this.offsetX + x * this.scale) + 0.5;
      g.moveTo(sx, this.offsetY);
      g.lineTo(sx, this.offsetY + this.height * this.scale);
    }
    for (let y = Math.max(0, from.y); y <= Math.min(this.height, from.y + rows); y++) {
      const sy = Math.round(this.offsetY + y * this.scale) + 0.5;
      g.moveTo(this.offsetX, sy);
      g.lineTo(this.offsetX + this.width * this.scale, sy);
    }
    g.stroke();
  }
}
