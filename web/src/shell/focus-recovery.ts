import { useEffect } from 'react';

/**
 * Keeps keyboard focus on the page when the element that had it disappears: the « Envoyer » button
 * of an order once it is sent, the absence bar once the absence is declared, a row's button once
 * the row is gone. The browser then puts focus on `<body>`, and the next Tab starts again from the
 * top of the page (found with the keyboard, 2026-12-05). Here, when the element focused last inside
 * `main` is removed and nothing else took focus, focus goes to the page's heading (its h1), whose
 * name a screen reader reads; from there Tab goes on into the page.
 *
 * Dialogs, menus and pickers live outside `main` (portals) and give focus back themselves
 * (Mantine's return focus, 10 ms after they close): the check waits past that, and only acts if
 * focus is still nowhere. When a dialog closes onto nothing (one opened by another dialog, as the
 * admin's « Mot de passe provisoire » after « Nouvel utilisateur »), focus goes back to the element
 * focused last in `main` when it is still there. WAI-ARIA APG, "Managing focus when content is removed".
 */
export function useFocusRecovery(mainId = 'main'): void {
  useEffect(() => {
    const main = document.getElementById(mainId);
    if (!main) return;
    // The element focused last anywhere (a dialog's button included), and the last one in `main`.
    let focused: Element | null = null;
    let last: Element | null = null;
    let timer: number | undefined;
    const onFocusIn = (event: FocusEvent) => {
      if (!(event.target instanceof Element)) return;
      focused = event.target;
      if (main.contains(event.target)) last = event.target;
    };
    const recover = () => {
      timer = undefined;
      const active = document.activeElement;
      if (active && active !== document.body && active !== document.documentElement) return;
      if (last?.isConnected && last instanceof HTMLElement) {
        // A dialog opened from another dialog closed onto nothing: back to what opened the first.
        last.focus({ preventScroll: true });
        return;
      }
      const heading = main.querySelector<HTMLElement>('h1');
      const target = heading ?? main;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    };
    // Only when what had focus left the document: a tooltip or a notification going, or a click on
    // the page's background, moves nothing.
    const observer = new MutationObserver(() => {
      if (timer === undefined && focused && !focused.isConnected) {
        focused = null;
        timer = window.setTimeout(recover, 60);
      }
    });
    // The whole body: dialogs, menus and pickers are portals outside `main`.
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [mainId]);
}
