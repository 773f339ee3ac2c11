import { type ReactNode, useEffect, useRef } from 'react';
import { hasNavigated } from '../router/router';

/**
 * The page's <h1>. It names the document and, after an in-app navigation, takes focus so that
 * keyboard and screen-reader users start reading the new page instead of staying on the old link.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Wild Rydes`;
  }, [title]);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
