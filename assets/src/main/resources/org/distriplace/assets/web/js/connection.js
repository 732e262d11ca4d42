/** The first byte of a binary `pixels` frame: then 5 bytes a pixel, `y * width + x` (u32, big-endian), palette index. */
const BINARY_PIXELS = 1;
const BINARY_PIXEL_BYTES = 5;

/**
 * The live connection to this node's /ws: JSON messages in (and `pixels` as compact binary frames, which this
 * client asks for with `?pixels=binary`), placements out. Reconnects after 0.5, 1, 2 s, then every 3 s (plus up
 * to a second of jitter, so a room of browsers does not return in lock-step): a node back from a restart is found
 * within seconds, and a refused connection costs the node nothing. It tries again at once when the browser says
 * the network is back or the tab is shown again (a phone's page wakes up offline). The node sends a fresh welcome
 * and canvas on every connection, so a reconnect always starts from the current canvas.
 */
export class Connection {
  /**
   * @param {string} url the WebSocket URL
   * @param {object} on handlers: online(), offline(retryMs), welcome(msg), canvas(msg), pixels(events),
   *                    success(msg), error(msg)
   */
  constructor(url, on) {
    this.url = url;
    this.on = on;
    this.attempt = 0;
    this.nextRequestId = 1;
    this.socket = null;
    this.retryTimer = 0;
    /** Connection attempts that failed since the last success (for tests and the curious). */
    this.failures = 0;
    /** The canvas's width and palette from the last welcome, to decode binary pixels. */
    this.shape = null;
    this.connect();
    setInterval(() => this.send({ type: 'ping' }), 20_000);
    window.addEventListener('online', () => this.retryNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.retryNow();
      }
    });
  }

  /** Skips the wait before the next attempt, when one is waiting (the network or the tab is back). */
  retryNow() {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = 0;
      this.connect();
    }
  }

  /** Milliseconds until the next scheduled attempt, or -1 when none waits. */
  get nextRetryInMs() {
    return this.retryTimer ? Math.max(0, this.retryAt - Date.now()) : -1;
  }

  get online() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  connect() {
    this.retryTimer = 0;
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.failures = 0;
      this.on.online();
    };
    socket.onmessage = (event) => this.dispatch(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) {
        return;
      }
      const retryMs = Connection.backoffMs(this.attempt++);
      this.failures++;
      this.on.offline(retryMs);
      this.retryAt = Date.now() + retryMs;
      this.retryTimer = setTimeout(() => this.connect(), retryMs);
    };
  }

  /** Opens the connection again at once (the player changed): the node sends a fresh welcome and canvas. */
  reconnect() {
    const old = this.socket;
    this.socket = null;
    clearTimeout(this.retryTimer);
    if (old) {
      old.close();
    }
    this.connect();
  }

  /** 0.5 s, 1 s, 2 s, then 3 s, plus 0–1 s of jitter. */
  static backoffMs(attempt) {
    return Math.min(3000, 500 * 2 ** attempt) + Math.floor(Math.random() * 1000);
  }

  dispatch(data) {
    if (data instanceof ArrayBuffer) {
      const events = this.decodePixels(data);
      if (events !== null) {
        this.on.pixels(events);
      }
      return;
    }
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    switch (message.type) {
      case 'welcome':
        this.shape = { width: message.canvasInfo.width, palette: message.canvasInfo.palette };
        this.on.welcome(message);
        break;
      case 'canvas': this.on.canvas(message); break;
      case 'pixels': this.on.pixels(message.events); break;
      case 'success': this.on.success(message); break;
      case 'error': this.on.error(message); break;
      default: break;
    }
  }

  /** A binary `pixels` frame as [{x, y, color}]; null when it is not one or no welcome said the canvas's shape. */
  decodePixels(buffer) {
    const bytes = new DataView(buffer);
    if (this.shape === null || bytes.byteLength < 1 || bytes.getUint8(0) !== BINARY_PIXELS) {
      return null;
    }
    const { width, palette } = this.shape;
    const events = [];
    for (let at = 1; at + BINARY_PIXEL_BYTES <= bytes.byteLength; at += BINARY_PIXEL_BYTES) {
      const offset = bytes.getUint32(at);
      const color = palette[bytes.getUint8(at + 4)];
      if (color !== undefined) {
        events.push({ x: offset % width, y: Math.floor(offset / width), color });
      }
    }
    return events;
  }

  /** Sends a placement; returns its request id, or null when offline. */
  place(x, y, color) {
    const requestId = `r${this.nextRequestId++}`;
    return this.send({ type: 'place', x, y, color, requestId }) ? requestId : null;
  }

  send(message) {
    if (!this.online) {
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }
}
