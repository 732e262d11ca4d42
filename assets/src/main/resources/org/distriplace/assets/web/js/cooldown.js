/**
 * The cooldown as the node counts it. Its figures come from the node: the welcome's cooldownRemaining, a
 * COOLDOWN refusal's remainingSeconds, and a success (see {@link Cooldown#afterSuccess}). While a placement has no
 * answer yet it is "placing", never "ready": the node counts from the moment its leader takes the pixel, which a
 * failover can delay by seconds. Counts relative time on this machine's monotonic clock, so a browser whose clock
 * disagrees with the node's still counts right.
 */
export class Cooldown {
  /**
   * @param {HTMLElement} element where the state is shown
   * @param {function({cooling: boolean, placing: boolean, secondsLeft: number})} onChange after every render
   */
  constructor(element, onChange) {
    this.element = element;
    this.onChange = onChange;
    /** The node's cooldown, from the welcome. */
    this.seconds = 0;
    this.until = 0;
    this.placing = false;
    this.timer = 0;
  }

  /** True while a placement would be refused: counting down, or waiting for the answer to the last one. */
  get active() {
    return this.placing || performance.now() < this.until;
  }

  get secondsLeft() {
    return Math.max(0, Math.ceil((this.until - performance.now()) / 1000));
  }

  /** Counts {@code seconds} from now (the node's figure). */
  start(seconds) {
    this.placing = false;
    this.until = performance.now() + Math.max(0, seconds) * 1000;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.render(), 250);
    this.render();
  }

  /**
   * After a placement's success. The node counts the cooldown from the write's stamp on its leader's clock and
   * says when it ends ({@code nextPlacement}, ms since the epoch on that clock); the stamp precedes this answer by
   * at most one commit round. This page cannot read the leader's clock (a phone's may be seconds off), so it
   * counts the whole cooldown from the answer: never ready before the node, late by one commit round at most.
   * A success that says the time left itself ({@code remainingMs}) is followed: the answering node counts it
   * against the leader's stamp, so it is exact where the nodes' clocks agree (as NTP keeps them).
   */
  afterSuccess(msg) {
    this.start(Number.isFinite(msg.remainingMs) ? msg.remainingMs / 1000 : this.seconds);
  }

  /** A placement was sent and has no answer yet. */
  wait() {
    this.placing = true;
    this.render();
  }

  /** The node charged nothing (a refusal other than COOLDOWN, or the connection was lost). */
  stop() {
    this.placing = false;
    this.until = 0;
    this.render();
  }

  render() {
    const left = this.secondsLeft;
    this.element.textContent = this.placing ? 'placing…' : left > 0 ? `next pixel in ${left} s` : 'ready to place';
    this.element.dataset.state = this.placing ? 'placing' : left > 0 ? 'cooling' : 'ready';
    this.onChange({ cooling: this.placing || left > 0, placing: this.placing, secondsLeft: left });
    if (left === 0) {
      clearInterval(this.timer);
    }
  }
}
