/**
 * The live connection to this node's /ws: JSON messages in, placements out. Reconnects after 1, 2, 4 … 30 s
 * (plus up to a second of jitter, so a room of browsers does not return in lock-step). The node sends a fresh
 * welcome and canvas on every connection, so a reconnect always starts from the current canvas.
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
    this.connect();
    setInterval(() => this.send({ type: 'ping' }), 20_000);
  }

  get online() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  connect() {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.on.online();
    };
    socket.onmessage = (event) => this.dispatch(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) {
        return;
      }
      const retryMs = Connection.backoffMs(this.attempt++);
      this.on.offline(retryMs);
      setTimeout(() => this.connect(), retryMs);
    };
  }

  /** Opens the connection again at once (the player changed): the node sends a fresh welcome and canvas. */
  reconnect() {
    const old = this.socket;
    this.socket = null;
    if (old) {
      old.close();
    }
    this.connect();
  }

  /** 1 s, 2 s, 4 s … capped at 30 s, plus 0–1 s of jitter. */
  static backoffMs(attempt) {
    return Math.min(30_000, 1000 * 2 ** attempt) + Math.floor(Math.random() * 1000);
  }

  dispatch(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    switch (message.type) {
      case 'welcome': this.on.welcome(message); break;
      case 'canvas': this.on.canvas(message); break;
      case 'pixels': this.on.pixels(message.events); break;
      case 'success': this.on.success(message); break;
      case 'error': this.on.error(message); break;
      default: break;
    }
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
