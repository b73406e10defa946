// A wide table's box: when the table is wider than the phone it scrolls inside this box, and a
// line above it says so ("左右滑动查看全部列"), so no column is silently cut off.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../shared/i18n/index.ts';

export function TableScroll(p: { children: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div class="table-scroll" data-scroll-hint={scrolls ? '' : undefined}>
      {scrolls && <p class="scroll-hint" data-testid="scroll-hint">{t('table.scrollHint')}</p>}
      <div class="table-wrap" ref={box} tabIndex={scrolls ? 0 : undefined}>{p.children}</div>
    </div>
  );
}
