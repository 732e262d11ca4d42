/**
 * The canvas's past in the page: who placed a pixel (with its earlier placements and how the cluster committed
 * each), and a slider that shows the canvas at any moment, played forward or back to live.
 */

const PAGE = 20;

/** The history's span: {first, last} in ms since the epoch, and its placements (null times when empty). */
export async function historyRange() {
  const response = await fetch('/api/v1/history/range');
  if (!response.ok) {
    throw new Error(`the history is unavailable (${response.status})`);
  }
  const range = await response.json();
  return {
    placements: range.placements,
    first: range.first ? Date.parse(range.first) : null,
    last: range.last ? Date.parse(range.last) : null,
  };
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** The panel listing a pixel's placements, newest first, paged. */
export class PixelInfo {
  constructor({ panel, title, list, more, close }) {
    Object.assign(this, { panel, title, list, more });
    this.pixel = null;
    this.oldest = null;
    this.placements = [];
    close.addEventListener('click', () => this.hide());
    more.addEventListener('click', () => this.load(this.oldest));
  }

  /** Shows the placements at (x, y) made before {@code beforeMs} (all of them when null). */
  async show(x, y, beforeMs = null) {
    this.pixel = { x, y };
    this.placements = [];
    this.list.replaceChildren();
    this.title.textContent = `Pixel (${x}, ${y})`;
    this.panel.hidden = false;
    await this.load(beforeMs === null ? null : new Date(beforeMs + 1).toISOString());
  }

  hide() {
    this.panel.hidden = true;
    this.pixel = null;
  }

  async load(beforeIso) {
    const { x, y } = this.pixel;
    const query = `x=${x}&y=${y}&limit=${PAGE}` + (beforeIso ? `&before=${encodeURIComponent(beforeIso)}` : '');
    const response = await fetch(`/api/v1/history/pixel?${query}`);
    const body = await response.json();
    if (!response.ok) {
      this.list.append(element('li', '', body.error?.message ?? `failed (${response.status})`));
      return;
    }
    for (const placement of body.placements) {
      this.placements.push(placement);
      this.list.append(this.row(placement));
    }
    if (this.placements.length === 0) {
      this.list.append(element('li', '', 'Nobody has painted this pixel yet.'));
    }
    this.oldest = body.placements.length ? body.placements[body.placements.length - 1].placedAt : null;
    this.more.hidden = body.placements.length < PAGE;
  }

  row(placement) {
    const item = element('li');
    const chip = element('span', 'chip');
    chip.style.background = placement.color;
    chip.title = placement.color;
    const who = element('span', 'who');
    who.append(element('strong', '', placement.userId), ` ${placement.color} · `,
      element('time', '', new Date(placement.placedAt).toLocaleString()));
    who.querySelector('time').dateTime = placement.placedAt;
    const clock = Object.entries(placement.vectorClock).map(([node, n]) => `${node}:${n}`).join(', ');
    item.append(chip, who,
      element('span', 'provenance', `epoch ${placement.epoch} · leader ${placement.leader} · batch ${placement.batch}`),
      element('span', 'clock', `vector clock ⟨${clock}⟩`));
    return item;
  }
}

/** The history bar: a slider over the history's span, the moment shown, play and pause, and back to live. */
export class HistoryBar {
  constructor({ bar, slider, time, play, live }, view, say) {
    Object.assign(this, { bar, slider, time, play, view, say });
    this.open = false;
    this.shownMs = null;
    this.wanted = null;
    this.loading = false;
    this.timer = 0;
    slider.addEventListener('input', () => this.seek(Number(slider.value)));
    play.addEventListener('click', () => (this.timer ? this.pause() : this.playFrom(Number(slider.value))));
    live.addEventListener('click', () => this.close());
  }

  async toggle() {
    return this.open ? this.close() : this.show();
  }

  async show() {
    const range = await historyRange();
    if (range.placements === 0) {
      this.say('Nothing has been painted yet: there is no history to show.');
      return;
    }
    this.open = true;
    this.bar.hidden = false;
    this.slider.min = String(range.first - 1);
    this.slider.max = String(range.last);
    this.slider.step = '1';
    this.slider.value = String(range.last);
    await this.seek(range.last);
  }

  close() {
    this.pause();
    this.open = false;
    this.bar.hidden = true;
    this.shownMs = null;
    this.view.showLive();
  }

  /** Shows the canvas at {@code ms}; while one is loading, only the newest wish is fetched next. */
  async seek(ms) {
    this.wanted = ms;
    if (this.loading) {
      return;
    }
    this.loading = true;
    try {
      while (this.wanted !== null && this.open) {
        const next = this.wanted;
        this.wanted = null;
        await this.load(next);
      }
    } finally {
      this.loading = false;
    }
  }

  async load(ms) {
    const response = await fetch(`/api/v1/history/snapshot?time=${encodeURIComponent(new Date(ms).toISOString())}`);
    if (!response.ok) {
      this.say(`The past could not be shown (${response.status}).`);
      return;
    }
    const indices = new Uint8Array(await response.arrayBuffer());
    if (!this.open) {
      return;
    }
    this.view.showPast(indices);
    this.shownMs = ms;
    const placements = response.headers.get('X-History-Placements');
    this.time.textContent = `${new Date(ms).toLocaleString()} · ${placements} placement${placements === '1' ? '' : 's'}`;
  }

  playFrom(ms) {
    const min = Number(this.slider.min);
    const max = Number(this.slider.max);
    const step = Math.max(1, (max - min) / 150);
    let at = ms >= max ? min : ms;
    this.play.textContent = '❚❚';
    this.timer = setInterval(() => {
      if (this.loading) {
        return; // one moment at a time: a slow node plays slower, never queues up
      }
      at = Math.min(max, at + step);
      this.slider.value = String(at);
      this.seek(at);
      if (at >= max) {
        this.pause();
      }
    }, 100);
  }

  pause() {
    clearInterval(this.timer);
    this.timer = 0;
    this.play.textContent = '▶';
  }
}
