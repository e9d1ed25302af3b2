import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A wide table's frame: at narrow widths (400 % zoom) the table scrolls sideways inside it instead
 * of the page, and while it does the frame is a named, focusable region, so a keyboard user can
 * reach it and scroll it (WCAG 1.4.10 and 2.1.1). When everything fits it adds no tab stop.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const frame = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const element = frame.current;
    if (!element) return undefined;
    const measure = () => setOverflows(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : undefined;
    observer?.observe(element);
    if (element.firstElementChild) observer?.observe(element.firstElementChild);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, []);
  return (
    <div ref={frame} className="table-scroll" {...(overflows ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})} data-overflows={overflows}>
      {children}
    </div>
  );
}
