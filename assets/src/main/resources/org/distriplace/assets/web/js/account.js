/**
 * The player's account: who the session is (GET /api/v1/auth/me), and logging in, creating an account and logging
 * out through a small dialog. Guests play without it; an account's cooldown follows it to any node and device.
 * After a change the live connection is opened again, so the node knows the new player.
 */
export class Account {
  /**
   * @param {object} elements player (name shown), button (log in / out), dialog, form, username, password, status,
   *                          register, guest
   * @param {function} changed called after logging in or out
   */
  constructor(elements, changed) {
    this.el = elements;
    this.changed = changed;
    this.me = null;
    elements.button.addEventListener('click', () => (this.loggedIn ? this.logout() : this.open()));
    elements.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit('login');
    });
    elements.register.addEventListener('click', () => this.submit('register'));
    elements.guest.addEventListener('click', () => elements.dialog.close());
  }

  get loggedIn() {
    return this.me !== null && !this.me.isGuest;
  }

  async refresh() {
    try {
      const answer = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
      this.me = answer.ok ? await answer.json() : null;
    } catch {
      this.me = null;
    }
    this.render();
  }

  render() {
    const { player, button } = this.el;
    if (this.loggedIn) {
      player.textContent = this.me.username + (this.me.moderator ? ' (moderator)' : '')
        + (this.me.banned ? ' · banned' : '');
      button.textContent = 'Log out';
    } else {
      player.textContent = 'guest';
      button.textContent = 'Log in';
    }
  }

  open() {
    this.el.status.textContent = '';
    this.el.dialog.showModal();
    this.el.username.focus();
  }

  async submit(action) {
    const { username, password, status, dialog } = this.el;
    status.textContent = action === 'login' ? 'Logging in…' : 'Creating the account…';
    delete status.dataset.error;
    try {
      const answer = await fetch(`/api/v1/auth/${action}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: username.value.trim(), password: password.value }),
      });
      const body = await answer.json();
      if (!answer.ok) {
        status.textContent = body.error ? body.error.message : `refused (${answer.status})`;
        status.dataset.error = '';
        return;
      }
      password.value = '';
      dialog.close();
      await this.refresh();
      this.changed();
    } catch {
      status.textContent = 'The node did not answer: try again.';
      status.dataset.error = '';
    }
  }

  async logout() {
    await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin' });
    await this.refresh();
    this.changed();
  }
}
