/**
 * The header's tools, folded into a menu on narrow screens (the stylesheet decides where: the menu button shows
 * only there, and elsewhere the tools sit in the header as they are). The menu closes once a tool is chosen, on
 * Escape, and on a press anywhere else.
 */
export class ToolsMenu {
  /**
   * @param {HTMLButtonElement} button the menu button
   * @param {HTMLElement} panel the tools
   */
  constructor(button, panel) {
    this.button = button;
    this.panel = panel;
    button.addEventListener('click', () => this.setOpen(!this.open));
    panel.addEventListener('click', (event) => {
      if (event.target.closest('button')) {
        this.setOpen(false);
      }
    });
    document.addEventListener('pointerdown', (event) => {
      if (this.open && !panel.contains(event.target) && !button.contains(event.target)) {
        this.setOpen(false);
      }
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.open) {
        this.setOpen(false);
        button.focus();
      }
    });
  }

  get open() {
    return this.panel.classList.contains('open');
  }

  setOpen(open) {
    this.panel.classList.toggle('open', open);
    this.button.setAttribute('aria-expanded', String(open));
  }
}
