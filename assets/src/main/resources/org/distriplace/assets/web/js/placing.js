import { waitingFor } from './waiting-for.js';

/** A committed placement stays drawn this long at most, waiting for its pixel to arrive in a batch. */
const COMMITTED_GRACE_MS = 3000;
/** A commit usually takes tens of milliseconds: only a slower one says what it waits for. */
const FIRST_LOOK_MS = 600;
const LOOK_EVERY_MS = 1000;

/**
 * The player's placements. A mouse click places at once; a tap only picks a target pixel, shown with a reticle
 * and a bar over the canvas whose Place button places it (a finger is coarse, and a pan starts as a touch).
 * A placement shows dashed until its committed pixel arrives, says meanwhile what it waits for (asking this node
 * how the cluster is), and is rolled back with the node's reason if refused. The cooldown follows the node's
 * answers.
 */
export class Placing {
  /**
   * @param {object} parts view (CanvasView), palette, cooldown, status (StatusLine), send(x, y, color) returning
   *                       a request id or null, online() → boolean; and the target bar: bar, where, confirm, cancel
   */
  constructor(parts) {
    Object.assign(this, parts);
    this.pending = new Map();
    this.target = null;
    /** Placements sent since the page opened (for tests: a pan or pinch must send none). */
    this.sent = 0;
    this.lookTimer = 0;
    this.confirm.addEventListener('click', () => this.confirmTarget());
    this.cancel.addEventListener('click', () => this.pick(null));
  }

  /** Picks the target pixel (null: none), shown with the reticle and the bar until placed or cancelled. */
  pick(pixel) {
    this.target = pixel;
    this.view.setTarget(pixel, this.palette.selected);
    this.bar.hidden = pixel === null;
    this.refresh();
  }

  confirmTarget() {
    if (this.target && this.place(this.target.x, this.target.y)) {
      this.pick(null);
    }
  }

  /** Redraws the target bar: where, in which colour, and whether Place can place now (else why not). */
  refresh() {
    if (!this.target) {
      return;
    }
    this.view.setTarget(this.target, this.palette.selected);
    this.where.textContent = `(${this.target.x}, ${this.target.y})`;
    this.where.style.setProperty('--chip', this.palette.selected);
    const why = !this.online() ? 'Offline' : this.cooldown.placing ? 'Placing…'
      : this.cooldown.active ? `Wait ${this.cooldown.secondsLeft} s` : null;
    this.confirm.disabled = why !== null;
    this.confirm.textContent = why ?? 'Place';
  }

  /** Places (x, y) in the selected colour now; false, saying why, when it cannot. */
  place(x, y) {
    if (!this.online()) {
      this.status.say('Offline: the pixel was not placed.', 'info', true);
      return false;
    }
    if (this.cooldown.placing) {
      this.status.say('Your last pixel is still waiting for the cluster: this one was not placed.', 'pending');
      return false;
    }
    if (this.cooldown.active) {
      this.status.say(`Wait ${this.cooldown.secondsLeft} s before placing again.`, 'cooldown');
      return false;
    }
    const color = this.palette.selected;
    const requestId = this.send(x, y, color);
    if (!requestId) {
      return false;
    }
    this.sent++;
    this.pending.set(requestId, { x, y, color, committed: false });
    this.view.setPending(x, y, color);
    this.cooldown.wait();
    clearTimeout(this.lookTimer);
    this.lookTimer = setTimeout(() => this.look(), FIRST_LOOK_MS);
    return true;
  }

  /** The placement still without an answer, or undefined. */
  unanswered() {
    return [...this.pending.values()].find((placement) => !placement.committed);
  }

  /** Says what the unanswered placement waits for, as this node sees the cluster, and looks again later. */
  async look() {
    let placement = this.unanswered();
    if (!placement) {
      return;
    }
    this.status.say(`(${placement.x}, ${placement.y}): waiting for the cluster to commit…`, 'pending');
    let reason;
    try {
      const answer = await fetch('/api/v1/cluster', { cache: 'no-store' });
      reason = answer.ok ? waitingFor(await answer.json()) : `this node answers ${answer.status}…`;
    } catch {
      reason = 'this node does not answer…';
    }
    placement = this.unanswered();
    if (placement) {
      this.status.say(`(${placement.x}, ${placement.y}): ${reason}`, 'pending');
      this.lookTimer = setTimeout(() => this.look(), LOOK_EVERY_MS);
    }
  }

  /** After an answer: with none left waiting, the explanation goes. */
  answered() {
    if (!this.unanswered()) {
      clearTimeout(this.lookTimer);
      this.status.clear('pending');
    }
  }

  /** The node committed a placement: the cooldown starts again from the node's figures. */
  success(msg) {
    this.cooldown.afterSuccess(msg);
    const placement = this.pending.get(msg.requestId);
    if (placement) {
      // Keep showing it until the committed pixel arrives in a batch (so it never flickers back).
      placement.committed = true;
      setTimeout(() => {
        if (this.pending.delete(msg.requestId)) {
          this.view.clearPending(placement.x, placement.y);
        }
      }, COMMITTED_GRACE_MS);
    }
    this.answered();
    this.refresh();
  }

  /** The node refused: roll back and say why; a COOLDOWN refusal (or a rate limit) says how long to wait. */
  error(msg) {
    const placement = this.pending.get(msg.requestId);
    if (placement) {
      this.view.clearPending(placement.x, placement.y);
      this.pending.delete(msg.requestId);
    }
    this.answered();
    if (msg.code === 'COOLDOWN') {
      this.cooldown.start(msg.remainingSeconds ?? this.cooldown.seconds);
      this.status.say(`Too soon: wait ${this.cooldown.secondsLeft} s.`, 'cooldown');
    } else {
      if (msg.remainingSeconds > 0) {
        this.cooldown.start(msg.remainingSeconds);
      } else {
        this.cooldown.stop();
      }
      this.status.say(`Not placed: ${msg.message}`, 'info', true);
    }
    this.refresh();
  }

  /** Committed pixels arrived: placements they settle stop being drawn as pending. */
  arrived(events) {
    for (const [requestId, placement] of this.pending) {
      if (placement.committed && events.some((e) => e.x === placement.x && e.y === placement.y)) {
        this.view.clearPending(placement.x, placement.y);
        this.pending.delete(requestId);
      }
    }
  }

  /** The connection was lost: placements in flight have no answer coming, so they are rolled back. */
  lost() {
    const unanswered = this.unanswered();
    for (const placement of this.pending.values()) {
      this.view.clearPending(placement.x, placement.y);
    }
    this.pending.clear();
    this.answered();
    if (unanswered) {
      this.cooldown.stop();
      this.status.say(`(${unanswered.x}, ${unanswered.y}) had no answer before the connection was lost: `
        + 'it may still appear if the cluster committed it.', 'info', true);
    }
    this.refresh();
  }
}
