import { MantineProvider, MantineThemeProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import 'dayjs/locale/fr';
import { useMemo, useState } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AuthProvider } from './auth/auth-context';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AppRoutes } from './routes';
import { createQueryClient } from './shared/query';
import { AppErrorPage } from './shell/AppErrorPage';
import { cssVariablesResolver, theme } from './theme';

function LocalisedProviders() {
  const { lang, t } = useI18n();
  // A notification's close button is named in the UI language (axe: button-name).
  const localTheme = useMemo(
    () => ({
      components: { Notification: { defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } } },
    }),
    [t],
  );
  return (
    <MantineThemeProvider theme={localTheme} inherit>
      <DatesProvider settings={{ locale: lang, firstDayOfWeek: 1 }}>
        <Notifications position="top-right" />
        <AppRoutes />
      </DatesProvider>
    </MantineThemeProvider>
  );
}

/**
 * One route for the whole app: the pages are its descendant <Routes> (routes.tsx). A data router,
 * not <BrowserRouter>, so that a form with unsaved text can hold a move away (shared/LeaveGuard).
 */
const createRouter = () =>
  createBrowserRouter([
    {
      path: '*',
      element: (
        <AuthProvider>
          <LocalisedProviders />
        </AuthProvider>
      ),
      // A page that cannot be drawn (its code gone after an update) is said in words, with a reload.
      errorElement: <AppErrorPage />,
    },
  ]);

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          {/* Router state updates outside React transitions: a filter page builds its next address from the
              current one, and inside a transition the page still read the previous address for ~200 ms after
              the address bar changed, so a filter chosen right after another was removed brought it back
              (found on the audit page, #15; the same pattern is on every list page). */}
          <RouterProvider router={router} useTransitions={false} />
        </QueryClientProvider>
      </I18nProvider>
    </MantineProvider>
  );
}
