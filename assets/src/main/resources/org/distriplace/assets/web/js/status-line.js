const SHOWN_MS = 6000;

/**
 * The one-line message under the canvas. A message has a kind: 'info' fades after a few seconds; 'cooldown'
 * (wait before placing) lasts until the cooldown ends; 'pending' (what a placement waits for) until it is answered.
 * Clearing a kind clears only a message of that kind, so a stale "Wait 3 s" never sits beside "ready to place".
 * The full text is also the element's title: one line may cut it short on a phone.
 */
export class StatusLine {
  constructor(element) {
    this.element = element;
    this.kind = null;
    this.timer = 0;
    /** Every text shown, oldest first (the last 50; for tests and the curious). */
    this.shown = [];
  }

  say(text, kind = 'info', error = false) {
    clearTimeout(this.timer);
    this.kind = kind;
    this.element.textContent = text;
    this.element.title = text;
    this.element.toggleAttribute('data-error', error);
    this.shown.push(text);
    this.shown.splice(0, this.shown.length - 50);
    if (kind === 'info') {
      this.timer = setTimeout(() => this.clear('info'), SHOWN_MS);
    }
  }

  /** Clears the message if it is of this kind. */
  clear(kind) {
    if (this.kind === kind) {
      clearTimeout(this.timer);
      this.kind = null;
      this.element.textContent = '';
      this.element.title = '';
      this.element.removeAttribute('data-error');
    }
  }
}
