import { historyRange } from './history.js';

/** A moment as a datetime-local input shows it (local time, to the second). */
function localInput(ms) {
  const date = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:`
    + `${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * The timelapse dialog: a span (the whole history to start with), frames, speed, a region (or what is on screen)
 * and scale; the node renders the GIF and the browser saves it. The node's refusals (over a budget, bad values)
 * are shown as it words them.
 */
export class TimelapseDialog {
  constructor(view) {
    this.view = view;
    this.dialog = document.getElementById('timelapse-dialog');
    this.fields = Object.fromEntries(['from', 'to', 'frames', 'fps', 'region', 'scale']
      .map((name) => [name, document.getElementById(`timelapse-${name}`)]));
    this.status = document.getElementById('timelapse-status');
    this.saved = null;
    document.getElementById('timelapse-cancel').addEventListener('click', () => this.dialog.close());
    document.getElementById('timelapse-view').addEventListener('click', () => {
      const { x, y, width, height } = this.view.visibleRegion();
      this.fields.region.value = `${x},${y},${width},${height}`;
    });
    const form = document.getElementById('timelapse-form');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.download();
    });
    // What the status says is about the values it was given: a change, or a value the form refuses, clears it.
    form.addEventListener('input', () => this.report(''));
    form.addEventListener('invalid', () => this.report(''), true);
  }

  async open() {
    this.report('');
    try {
      const range = await historyRange();
      if (range.placements > 0) {
        this.fields.from.value = localInput(Math.floor(range.first / 1000) * 1000);
        this.fields.to.value = localInput(Math.ceil((range.last + 1) / 1000) * 1000);
      }
    } catch (failure) {
      this.report(`The history's span is unknown: ${failure.message}`, true);
    }
    this.dialog.showModal();
  }

  url() {
    const f = this.fields;
    const query = new URLSearchParams({
      from: new Date(f.from.value).toISOString(),
      to: new Date(f.to.value).toISOString(),
      frames: f.frames.value,
      fps: f.fps.value,
      scale: f.scale.value,
      format: 'gif',
    });
    if (f.region.value.trim()) {
      query.set('region', f.region.value.replace(/\s/g, ''));
    }
    return `/api/v1/history/timelapse?${query}`;
  }

  async download() {
    this.report(`Rendering ${this.fields.frames.value} frames…`);
    try {
      await this.save();
    } catch (failure) {
      this.report(`Not saved: ${failure.message}`, true);
    }
  }

  async save() {
    const response = await fetch(this.url());
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      this.report(body.error?.message ?? `The node refused (${response.status}).`, true);
      return;
    }
    const blob = await response.blob();
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1]
      ?? 'distri-place-timelapse.gif';
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    this.saved = { name, bytes: blob.size };
    this.report(`Saved ${name} (${(blob.size / 1024).toFixed(0)} KB).`);
  }

  report(text, error = false) {
    this.status.textContent = text;
    this.status.toggleAttribute('data-error', error);
  }
}
