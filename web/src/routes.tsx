import { Center, Loader } from '@mantine/core';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { Route, Routes, useParams } from 'react-router';
import { LoginPage } from './auth/LoginPage';
import { HomePage } from './home/HomePage';
import { useI18n } from './i18n/i18n';
import { AppLayout } from './shell/AppLayout';
import { NotFoundPage } from './shell/NotFoundPage';
import { rolesFor } from './shell/navigation';
import { RequireAuth, RequireRole } from './shell/RequireAuth';

const RELOADED_AT = 'officoop.reloadedForNewVersion';

/**
 * A page's code that fails to load is most often one the server no longer has: Officoop was
 * updated while this tab was open, and the new build names its files anew. The tab reloads once
 * to get the new version (the move to the page has already happened, so nothing typed is left on
 * the way); a second failure within a minute, or any while the network is down, goes to the error
 * page (`AppErrorPage`).
 */
async function reloadOnceForNewVersion<M>(load: () => Promise<M>): Promise<M> {
  try {
    return await load();
  } catch (error) {
    // Offline, a reload would only trade this page for the browser's own offline page.
    if (!navigator.onLine) throw error;
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < 60_000) throw error;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
    window.location.reload();
    return new Promise<M>(() => {});
  }
}

/** A page loaded on first visit: each role downloads only the pages it opens. */
function page<M>(load: () => Promise<M>, name: keyof M) {
  return lazy(async () => ({ default: (await reloadOnceForNewVersion(load))[name] as ComponentType }));
}

/**
 * Every page behind the login, with the roles the navigation table gives it: its own entry,
 * or `nav`'s for a page reached from another one (a transfer from the transfers list).
 */
const PAGES: { path: string; nav?: string; Page: ComponentType }[] = [
  { path: 'alerts', Page: page(() => import('./alerts/AlertsPage'), 'AlertsPage') },
  { path: 'pool', Page: page(() => import('./stock/pages/PoolPage'), 'PoolPage') },
  { path: 'pool/rebalance', Page: page(() => import('./stock/pages/RebalancePage'), 'RebalancePage') },
  { path: 'transfers', Page: page(() => import('./stock/pages/TransfersPage'), 'TransfersPage') },
  {
    path: 'transfers/:id',
    nav: '/transfers',
    Page: page(() => import('./stock/pages/TransferDetailPage'), 'TransferDetailPage'),
  },
  { path: 'transfers/settlement', Page: page(() => import('./stock/pages/SettlementPage'), 'SettlementPage') },
  { path: 'stock', Page: page(() => import('./stock/pages/StockPage'), 'StockPage') },
  { path: 'stock/alerts', Page: page(() => import('./stock/pages/StockAlertsPage'), 'StockAlertsPage') },
  { path: 'stock/import', Page: page(() => import('./stock/pages/StockImportPage'), 'StockImportPage') },
  { path: 'reviews', Page: page(() => import('./reviews/pages/ReviewsPage'), 'ReviewsPage') },
  { path: 'reviews/fees', Page: page(() => import('./reviews/pages/ReviewFeesPage'), 'ReviewFeesPage') },
  {
    path: 'reviews/fee-schedules',
    Page: page(() => import('./reviews/pages/FeeSchedulesPage'), 'FeeSchedulesPage'),
  },
  { path: 'reviews/:id', nav: '/reviews', Page: page(() => import('./reviews/pages/ReviewPage'), 'ReviewPage') },
  { path: 'patients', Page: page(() => import('./reviews/pages/PatientsPage'), 'PatientsPage') },
  { path: 'patients/:id', nav: '/patients', Page: page(() => import('./reviews/pages/PatientPage'), 'PatientPage') },
  {
    path: 'prescription-proposals',
    Page: page(() => import('./reviews/pages/ProposalsPage'), 'ProposalsPage'),
  },
  { path: 'care-homes', Page: page(() => import('./care-homes/CareHomesPage'), 'CareHomesPage') },
  { path: 'orders', Page: page(() => import('./orders/pages/OrdersPage'), 'OrdersPage') },
  { path: 'orders/:id', nav: '/orders', Page: page(() => import('./orders/pages/OrderPage'), 'OrderPage') },
  { path: 'residents', Page: page(() => import('./orders/pages/ResidentsPage'), 'ResidentsPage') },
  {
    path: 'residents/:id',
    nav: '/residents',
    Page: page(() => import('./orders/pages/ResidentPage'), 'ResidentPage'),
  },
  { path: 'robot', Page: page(() => import('./robot/pages/RobotCalendarPage'), 'RobotCalendarPage') },
  { path: 'robot/admin', Page: page(() => import('./robot/pages/RobotAdminPage'), 'RobotAdminPage') },
  {
    path: 'robot/batches/:id',
    nav: '/robot',
    Page: page(() => import('./robot/production/BatchPage'), 'BatchPage'),
  },
  { path: 'recall', Page: page(() => import('./recall/RecallPage'), 'RecallPage') },
  { path: 'shares', Page: page(() => import('./shares/pages/RegisterPage'), 'RegisterPage') },
  { path: 'shares/report', Page: page(() => import('./shares/pages/SharesReportPage'), 'SharesReportPage') },
  {
    path: 'shares/statements/:pharmacyId',
    nav: '/shares/report',
    Page: page(() => import('./shares/pages/StatementPage'), 'StatementPage'),
  },
  { path: 'shares/statement', Page: page(() => import('./shares/pages/StatementPage'), 'StatementPage') },
  { path: 'ledger', Page: page(() => import('./shares/pages/LedgerPage'), 'LedgerPage') },
  { path: 'ledger/categories', Page: page(() => import('./shares/pages/CategoriesPage'), 'CategoriesPage') },
  { path: 'admin/users', Page: page(() => import('./admin/UsersPage'), 'UsersPage') },
  { path: 'admin/pharmacies', Page: page(() => import('./admin/PharmaciesPage'), 'PharmaciesPage') },
  { path: 'admin/audit', Page: page(() => import('./admin/AuditPage'), 'AuditPage') },
];

/**
 * An id in the address (`:id`, `:pharmacyId`) is a positive whole number, or the page is not
 * found: « /reviews/abc » waited for ever, as no request was ever sent for it.
 */
function WholeIds({ children }: { children: ReactNode }) {
  const params = useParams();
  const malformed = Object.entries(params).some(
    ([name, value]) => (name === 'id' || name.endsWith('Id')) && !/^[1-9]\d{0,15}$/.test(value ?? ''),
  );
  return malformed ? <NotFoundPage /> : children;
}

function PageLoader() {
  const { t } = useI18n();
  return (
    <Center py="xl">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomePage />} />
        {PAGES.map(({ path, nav, Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <RequireRole roles={rolesFor(nav ?? `/${path}`)}>
                <Suspense fallback={<PageLoader />}>
                  <WholeIds>
                    <Page />
                  </WholeIds>
                </Suspense>
              </RequireRole>
            }
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
