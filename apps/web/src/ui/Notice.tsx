import type { ReactNode } from 'react';

/**
 * A message region that screen readers announce: "status" is polite (success, progress),
 * "alert" interrupts (failures). The region is always rendered so announcements are not lost.
 */
export function Notice({ kind, children }: { kind: 'status' | 'alert'; children?: ReactNode }) {
  return (
    <div role={kind} className={children ? `notice notice-${kind === 'alert' ? 'error' : 'info'}` : 'notice-empty'}>
      {children}
    </div>
  );
}
