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
 * focus is still nowhere (a dialog closing onto a trigger that went meanwhile included). WAI-ARIA APG, "Managing focus when content is removed".
 */
export function useFocusRecovery(mainId = 'main'): void {
  useEffect(() => {
    const main = document.getElementById(mainId);
    if (!main) return;
    let last: Element | null = null;
    let timer: number | undefined;
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof Element && main.contains(event.target)) last = event.target;
    };
    const recover = () => {
      timer = undefined;
      if (!last || last.isConnected) return;
      const active = document.activeElement;
      if (active && active !== document.body && active !== document.documentElement) return;
      const heading = main.querySelector<HTMLElement>('h1');
      const target = heading ?? main;
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
      last = target;
    };
    const observer = new MutationObserver(() => {
      if (timer === undefined && last && !last.isConnected) timer = window.setTimeout(recover, 60);
    });
    // The whole body: a dialog closing after its trigger went is a change outside `main`.
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [mainId]);
}
