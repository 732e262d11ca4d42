/**
 * The cooldown countdown. Counts relative seconds on this machine's clock, so a browser whose clock disagrees
 * with the server's still counts right.
 */
export class Cooldown {
  constructor(element, onChange) {
    this.element = element;
    this.onChange = onChange;
    this.seconds = 0;
    this.until = 0;
    this.timer = 0;
  }

  get active() {
    return performance.now() < this.until;
  }

  get secondsLeft() {
    return Math.max(0, Math.ceil((this.until - performance.now()) / 1000));
  }

  start(seconds) {
    this.until = performance.now() + Math.max(0, seconds) * 1000;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.render(), 250);
    this.render();
  }

  stop() {
    this.until = 0;
    this.render();
  }

  render() {
    const left = this.secondsLeft;
    this.element.textContent = left > 0 ? `next pixel in ${left} s` : 'ready to place';
    this.onChange(left > 0);
    if (left === 0) {
      clearInterval(this.timer);
    }
  }
}
