/**
 * A short message at the bottom with an optional action ("Undo"). It goes away after
 * `timeoutMs`, but never while the pointer or keyboard focus is on it. The App renders it
 * inside a live region that is always present, so screen readers announce it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export interface SnackbarProps {
  message: string;
  actionLabel?: string;
  onAction?(): void;
  onClose(): void;
  timeoutMs: number;
}

export function Snackbar({ message, actionLabel, onAction, onClose, timeoutMs }: SnackbarProps) {
  const [paused, setPaused] = useState(false);
  const remaining = useRef(timeoutMs);
  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(onClose, remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(1000, remaining.current - (Date.now() - started));
    };
  }, [paused, onClose]);
  return (
    <div
      class="snackbar"
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocusIn={() => setPaused(true)}
      onFocusOut={() => setPaused(false)}
    >
      <span>{message}</span>
      {actionLabel && onAction && (
        <button type="button" class="btn btn--small btn--inverse" onClick={onAction}>
          {actionLabel}
        </button>
      )}
    </div>
  );
}
