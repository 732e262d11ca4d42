import { CanvasView } from './canvas-view.js';
import { Account } from './account.js';
import { Connection } from './connection.js';
import { Cooldown } from './cooldown.js';
import { HistoryBar, PixelInfo } from './history.js';
import { Palette } from './palette.js';
import { TimelapseDialog } from './timelapse.js';

const $ = (id) => document.getElementById(id);
const status = $('status');
const offline = $('offline');
const message = $('message');
const pending = new Map();
let messageTimer = 0;
let hovered = null;

function showCursor() {
  $('cursor').textContent = hovered ? `(${hovered.x}, ${hovered.y}) ${view.shownColorAt(hovered.x, hovered.y)}` : '';
}

function say(text) {
  message.textContent = text;
  clearTimeout(messageTimer);
  messageTimer = setTimeout(() => { message.textContent = ''; }, 6000);
}

const cooldown = new Cooldown($('cooldown'), (cooling) => palette.setCooling(cooling));
const palette = new Palette($('palette'));
const view = new CanvasView($('canvas'), {
  onHover: (pixel) => {
    hovered = pixel;
    showCursor();
  },
  onPlace: (x, y, event) => {
    // The inspect tool, a modifier, or looking at the past: a click asks who painted the pixel.
    if (inspecting || event.altKey || event.shiftKey || history.open) {
      pixelInfo.show(x, y, history.open ? history.shownMs : null);
    } else {
      place(x, y);
    }
  },
});
const pixelInfo = new PixelInfo({
  panel: $('pixel-info'), title: $('pixel-info-title'), list: $('pixel-info-list'), more: $('pixel-info-more'),
  close: $('pixel-info-close'),
});
const history = new HistoryBar({
  bar: $('history-bar'), slider: $('history-slider'), time: $('history-time'), play: $('history-play'),
  live: $('history-live'),
}, view, say);
const timelapse = new TimelapseDialog(view);
let inspecting = false;

function setInspecting(on) {
  inspecting = on;
  $('inspect-tool').setAttribute('aria-pressed', String(on));
  $('canvas').style.cursor = on ? 'help' : '';
}

async function toggleHistory() {
  await history.toggle();
  $('history-toggle').setAttribute('aria-pressed', String(history.open));
}

function place(x, y) {
  if (!connection.online) {
    say('Offline: the pixel was not placed.');
    return;
  }
  if (cooldown.active) {
    say(`Wait ${cooldown.secondsLeft} s before placing again.`);
    return;
  }
  const color = palette.selected;
  const requestId = connection.place(x, y, color);
  if (requestId) {
    pending.set(requestId, { x, y, color, committed: false });
    view.setPending(x, y, color);
    cooldown.start(cooldown.seconds);
  }
}

const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
const connection = new Connection(`${scheme}://${location.host}/ws?pixels=binary`, {
  online() {
    status.dataset.state = 'online';
    status.textContent = `online via ${location.host}`;
    offline.hidden = true;
  },
  offline(retryMs) {
    status.dataset.state = 'offline';
    status.textContent = 'offline';
    offline.hidden = false;
    offline.textContent = `Offline: reconnecting in ${Math.round(retryMs / 1000)} s…`;
    // Placements in flight have no answer coming: roll them back.
    for (const [requestId, placement] of pending) {
      view.clearPending(placement.x, placement.y);
      pending.delete(requestId);
    }
  },
  welcome(msg) {
    palette.setColors(msg.canvasInfo.palette);
    view.setPalette(msg.canvasInfo.palette);
    cooldown.seconds = msg.canvasInfo.cooldownSeconds;
    cooldown.start(msg.cooldownRemaining);
  },
  canvas(msg) {
    const bytes = Uint8Array.from(atob(msg.data), (c) => c.charCodeAt(0));
    view.load(msg.width, msg.height, bytes);
    showCursor();
  },
  pixels(events) {
    view.apply(events);
    showCursor();
    for (const [requestId, placement] of pending) {
      if (placement.committed && events.some((e) => e.x === placement.x && e.y === placement.y)) {
        view.clearPending(placement.x, placement.y);
        pending.delete(requestId);
      }
    }
  },
  success(msg) {
    const placement = pending.get(msg.requestId);
    if (placement) {
      // Keep showing it until the committed pixel arrives in a batch (so it never flickers back).
      placement.committed = true;
      setTimeout(() => {
        if (pending.delete(msg.requestId)) {
          view.clearPending(placement.x, placement.y);
        }
      }, 3000);
    }
  },
  error(msg) {
    const placement = pending.get(msg.requestId);
    if (placement) {
      view.clearPending(placement.x, placement.y);
      pending.delete(msg.requestId);
    }
    if (msg.code === 'COOLDOWN') {
      cooldown.start(msg.remainingSeconds ?? cooldown.seconds);
      say(`Too soon: wait ${msg.remainingSeconds} s.`);
    } else {
      cooldown.stop();
      say(`Not placed: ${msg.message}`);
    }
  },
});

// Logging in or out changes who the node knows this page as: the live connection is opened again.
const account = new Account({
  player: $('player'), button: $('account-button'), dialog: $('account-dialog'), form: $('account-form'),
  username: $('account-username'), password: $('account-password'), status: $('account-status'),
  register: $('account-register'), guest: $('account-guest'),
}, () => connection.reconnect());
account.refresh();

$('zoom-in').addEventListener('click', () => view.zoomBy(1.5));
$('zoom-out').addEventListener('click', () => view.zoomBy(1 / 1.5));
$('zoom-fit').addEventListener('click', () => view.fit());
$('inspect-tool').addEventListener('click', () => setInspecting(!inspecting));
$('history-toggle').addEventListener('click', toggleHistory);
$('history-live').addEventListener('click', () => $('history-toggle').setAttribute('aria-pressed', 'false'));
$('timelapse-open').addEventListener('click', () => timelapse.open());
document.addEventListener('keydown', (event) => {
  if (event.target.closest('input, dialog') || event.ctrlKey || event.metaKey) {
    return;
  }
  if (event.key === 'i') {
    setInspecting(!inspecting);
  } else if (event.key === 'h') {
    toggleHistory();
  } else if (event.key === 'Escape') {
    pixelInfo.hide();
    if (history.open) {
      toggleHistory();
    }
  }
});

/** A small window on the client's state, for tests and for the curious. */
window.distriPlace = {
  colorAt: (x, y) => view.colorAt(x, y),
  screenPointOf: (x, y) => view.screenPointOf(x, y),
  select: (color) => palette.select(color),
  get online() { return connection.online; },
  get pending() { return pending.size; },
  get ready() { return view.width > 0; },
  shownColorAt: (x, y) => view.shownColorAt(x, y),
  get historyShown() { return history.shownMs; },
  seekHistory: (ms) => { history.slider.value = String(ms); return history.seek(ms); },
  get placementsListed() { return pixelInfo.placements.map((p) => `${p.userId} ${p.color}`); },
  get timelapseSaved() { return timelapse.saved; },
  get player() { return account.me; },
};
