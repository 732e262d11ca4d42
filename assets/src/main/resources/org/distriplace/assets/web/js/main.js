import { CanvasView } from './canvas-view.js';
import { CanvasInput } from './canvas-input.js';
import { Account } from './account.js';
import { Connection } from './connection.js';
import { Cooldown } from './cooldown.js';
import { HistoryBar, PixelInfo } from './history.js';
import { ToolsMenu } from './menu.js';
import { Palette } from './palette.js';
import { Placing } from './placing.js';
import { StatusLine } from './status-line.js';
import { TimelapseDialog } from './timelapse.js';

const $ = (id) => document.getElementById(id);
const status = $('status');
const offline = $('offline');
const line = new StatusLine($('message'));
const say = (text) => line.say(text);
let hovered = null;

function showCursor() {
  $('cursor').textContent = hovered ? `(${hovered.x}, ${hovered.y}) ${view.shownColorAt(hovered.x, hovered.y)}` : '';
}

const palette = new Palette($('palette'), () => placing.refresh());
const cooldown = new Cooldown($('cooldown'), ({ cooling }) => {
  palette.setCooling(cooling);
  if (!cooling) {
    line.clear('cooldown');
  }
  placing.refresh();
});
const view = new CanvasView($('canvas'));
const placing = new Placing({
  view, palette, cooldown, status: line,
  send: (x, y, color) => connection.place(x, y, color),
  online: () => connection.online,
  bar: $('place-bar'), where: $('place-where'), confirm: $('place-confirm'), cancel: $('place-cancel'),
});
new CanvasInput(view, {
  hover: (pixel) => {
    hovered = pixel;
    showCursor();
  },
  pick: (pixel, how) => {
    // The inspect tool, a modifier, or looking at the past: a pick asks who painted the pixel.
    if (inspecting || how.altKey || how.shiftKey || history.open) {
      pixelInfo.show(pixel.x, pixel.y, history.open ? history.shownMs : null);
    } else if (how.touch) {
      placing.pick(pixel);
    } else {
      placing.place(pixel.x, pixel.y);
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
new ToolsMenu($('menu-toggle'), $('tools'));
let inspecting = false;

function setInspecting(on) {
  inspecting = on;
  $('inspect-tool').setAttribute('aria-pressed', String(on));
  $('canvas').style.cursor = on ? 'help' : '';
  if (on) {
    placing.pick(null);
  }
}

async function toggleHistory() {
  await history.toggle();
  $('history-toggle').setAttribute('aria-pressed', String(history.open));
  if (history.open) {
    placing.pick(null);
  }
}

const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
const connection = new Connection(`${scheme}://${location.host}/ws?pixels=binary`, {
  online() {
    status.dataset.state = 'online';
    status.textContent = `online via ${location.host}`;
    offline.hidden = true;
    placing.refresh();
  },
  offline(retryMs) {
    status.dataset.state = 'offline';
    status.textContent = 'offline';
    offline.hidden = false;
    offline.textContent = `Offline: trying again in ${Math.max(1, Math.round(retryMs / 1000))} s…`;
    placing.lost();
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
    placing.arrived(events);
  },
  success: (msg) => placing.success(msg),
  error: (msg) => placing.error(msg),
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
    placing.pick(null);
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
  get reconnectFailures() { return connection.failures; },
  get nextRetryInMs() { return connection.nextRetryInMs; },
  get pending() { return placing.pending.size; },
  get sent() { return placing.sent; },
  get target() { return placing.target; },
  get selected() { return palette.selected; },
  get view() { return { scale: view.scale, offsetX: view.offsetX, offsetY: view.offsetY }; },
  get messages() { return [...line.shown]; },
  get ready() { return view.width > 0; },
  shownColorAt: (x, y) => view.shownColorAt(x, y),
  get historyShown() { return history.shownMs; },
  seekHistory: (ms) => { history.slider.value = String(ms); return history.seek(ms); },
  get placementsListed() { return pixelInfo.placements.map((p) => `${p.userId} ${p.color}`); },
  get timelapseSaved() { return timelapse.saved; },
  get player() { return account.me; },
};
