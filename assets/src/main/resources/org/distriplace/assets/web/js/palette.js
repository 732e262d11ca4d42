/** The palette bar: one swatch per colour, one selected (click or tap, or keys 1-9 for the first nine). */
export class Palette {
  /**
   * @param {HTMLElement} element the swatches' container
   * @param {function(string)} onSelect called with the colour selected
   */
  constructor(element, onSelect = () => {}) {
    this.element = element;
    this.onSelect = onSelect;
    this.colors = [];
    this.selected = '#000000';
    document.addEventListener('keydown', (event) => {
      const n = Number.parseInt(event.key, 10);
      if (n >= 1 && n <= 9 && n <= this.colors.length && event.target.tagName !== 'INPUT') {
        this.select(this.colors[n - 1]);
      }
    });
  }

  setColors(colors) {
    this.colors = colors;
    this.element.replaceChildren(...colors.map((color) => {
      const swatch = document.createElement('button');
      swatch.className = 'swatch';
      swatch.style.background = color;
      swatch.title = color;
      swatch.setAttribute('role', 'radio');
      swatch.setAttribute('aria-label', color);
      swatch.dataset.color = color;
      swatch.addEventListener('click', () => this.select(color));
      return swatch;
    }));
    this.select(colors.includes(this.selected) ? this.selected : colors[colors.length > 27 ? 27 : 0]);
  }

  select(color) {
    this.selected = color;
    for (const swatch of this.element.children) {
      swatch.setAttribute('aria-checked', String(swatch.dataset.color === color));
    }
    this.onSelect(color);
  }

  setCooling(cooling) {
    this.element.classList.toggle('cooling', cooling);
  }
}
