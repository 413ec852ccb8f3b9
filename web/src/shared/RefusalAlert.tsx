import { Alert } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A refusal shown inside a dialog (the server said no). It takes focus when it appears, so a
 * screen reader reads it and Tab goes on from it: without it, focus stayed on the button that was
 * disabled while the request ran, and fell to the page behind the dialog (found with a keyboard).
 * Forms built on `DialogForm` do the same with their fields.
 */
export function RefusalAlert({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <Alert ref={ref} color="red" role="alert" tabIndex={-1}>
      {children}
    </Alert>
  );
}
