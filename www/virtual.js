// A long list shown through a window: only the blocks near the viewport are in the DOM, spacers stand
// for the rest. Blocks are counted in rows of one fixed height (measured once), so a block's place is a
// prefix sum and no layout is read while scrolling. New blocks at the end only grow the lower spacer.
export class Windowed {
  /**
   * scroller: the scrolling element; container: where blocks go (between two spacers);
   * count(): blocks; key(i): a stable key; rows(i): rows in block i; render(i): its element;
   * spacer(): a new spacer element whose `.size` child (or itself) gets the height.
   */
  constructor({ scroller, container, rowHeight, count, key, rows, render, spacer, header = () => 0, overscan = 10 }) {
    Object.assign(this, { scroller, container, rowHeight, count, key, rows, render, overscan, header });
    this.top = spacer();
    this.bottom = spacer();
    container.append(this.top, this.bottom);
    this.els = new Map();
    this.stale = new Set();
    this.offsets = new Float64Array(1);
    this.layoutDirty = true;
    this.measured = false;
    this.frame = 0;
    // The viewport's height and scroll offset are kept from observers, so drawing never forces a layout.
    this.viewH = 0;
    this.scrollY = 0;
    new ResizeObserver(([e]) => {
      this.viewH = e.contentRect.height;
      this.soon();
    }).observe(scroller);
    scroller.addEventListener('scroll', () => {
      this.scrollY = scroller.scrollTop;
      this.soon();
    }, { passive: true });
  }

  soon() {
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.update(); });
  }

  /** Blocks were added, removed or changed their number of rows. */
  relayout() {
    this.layoutDirty = true;
  }

  /** Block `key` must be rendered again (if it is in the window). */
  invalidate(key) {
    if (this.els.has(key)) this.stale.add(key);
  }

  invalidateAll() {
    for (const k of this.els.keys()) this.stale.add(k);
  }

  layout() {
    const n = this.count();
    if (this.offsets.length !== n + 1) this.offsets = new Float64Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      this.offsets[i] = at;
      at += this.rows(i);
    }
    this.offsets[n] = at;
    this.layoutDirty = false;
  }

  /** The first block whose rows reach past `row`. */
  find(row) {
    const o = this.offsets;
    let lo = 0;
    let hi = o.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (o[mid + 1] <= row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Scroll so that block i is in view. */
  reveal(i) {
    if (this.layoutDirty) this.layout();
    const top = this.offsets[i] * this.rowHeight + this.headerHeight();
    const bottom = this.offsets[i + 1] * this.rowHeight + this.headerHeight();
    const s = this.scroller;
    if (top < s.scrollTop + this.headerHeight()) s.scrollTop = top - this.headerHeight();
    else if (bottom > s.scrollTop + s.clientHeight) s.scrollTop = bottom - s.clientHeight;
    this.scrollY = s.scrollTop;
    this.update();
  }

  /** Height above the first block inside the scroller (a sticky table head). */
  headerHeight() {
    return this.header();
  }

  update() {
    if (this.layoutDirty) this.layout();
    const n = this.count();
    const rowH = this.rowHeight;
    const view = Math.max(this.viewH, 200);
    const first = Math.max(0, Math.floor(this.scrollY / rowH) - 2);
    const last = first + Math.ceil(view / rowH) + 2;
    let a = n ? this.find(first) : 0;
    let b = n ? this.find(last) : -1;
    a = Math.max(0, a - this.overscan);
    b = Math.min(n - 1, b + this.overscan);
    const want = new Map();
    for (let i = a; i <= b; i++) want.set(this.key(i), i);
    for (const [k, el] of this.els) {
      if (!want.has(k)) {
        el.remove();
        this.els.delete(k);
      }
    }
    let prev = this.top;
    for (const [k, i] of want) {
      let el = this.els.get(k);
      if (!el || this.stale.has(k)) {
        const fresh = this.render(i);
        if (el) el.replaceWith(fresh);
        el = fresh;
        this.els.set(k, el);
      }
      if (prev.nextSibling !== el) prev.after(el);
      prev = el;
    }
    if (prev.nextSibling !== this.bottom) prev.after(this.bottom);
    this.stale.clear();
    if (!this.measured && want.size) this.measure(want.values().next().value);
    const size = (sp) => sp.querySelector('.size') || sp;
    size(this.top).style.height = `${n ? this.offsets[a] * this.rowHeight : 0}px`;
    size(this.bottom).style.height = `${n ? (this.offsets[n] - this.offsets[b + 1]) * this.rowHeight : 0}px`;
  }

  /** Adopt the real row height once (fonts and zoom decide it), so the spacers match the rows. */
  measure(i) {
    const el = this.els.get(this.key(i));
    const h = el.offsetHeight / this.rows(i);
    if (h > 0) {
      this.measured = true;
      if (Math.abs(h - this.rowHeight) > 0.25) {
        this.rowHeight = h;
        this.update();
      }
    }
  }
}
