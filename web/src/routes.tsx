import { Route, Routes } from 'react-router';
import { PharmaciesPage } from './admin/PharmaciesPage';
import { UsersPage } from './admin/UsersPage';
import { LoginPage } from './auth/LoginPage';
import { CareHomesPage } from './care-homes/CareHomesPage';
import { HomePage } from './home/HomePage';
import { AppLayout } from './shell/AppLayout';
import { NotFoundPage } from './shell/NotFoundPage';
import { rolesFor } from './shell/navigation';
import { RequireAuth, RequireRole } from './shell/RequireAuth';
import { PoolPage } from './stock/pages/PoolPage';
import { RebalancePage } from './stock/pages/RebalancePage';
import { SettlementPage } from './stock/pages/SettlementPage';
import { StockAlertsPage } from './stock/pages/StockAlertsPage';
import { StockImportPage } from './stock/pages/StockImportPage';
import { StockPage } from './stock/pages/StockPage';
import { TransfersPage } from './stock/pages/TransfersPage';

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
        <Route
          path="pool"
          element={
            <RequireRole roles={rolesFor('/pool')}>
              <PoolPage />
            </RequireRole>
          }
        />
        <Route
          path="transfers"
          element={
            <RequireRole roles={rolesFor('/transfers')}>
              <TransfersPage />
            </RequireRole>
          }
        />
        <Route
          path="stock"
          element={
            <RequireRole roles={rolesFor('/stock')}>
              <StockPage />
            </RequireRole>
          }
        />
        <Route
          path="stock/alerts"
          element={
            <RequireRole roles={rolesFor('/stock/alerts')}>
              <StockAlertsPage />
            </RequireRole>
          }
        />
        <Route
          path="pool/rebalance"
          element={
            <RequireRole roles={rolesFor('/pool/rebalance')}>
              <RebalancePage />
            </RequireRole>
          }
        />
        <Route
          path="stock/import"
          element={
            <RequireRole roles={rolesFor('/stock/import')}>
              <StockImportPage />
            </RequireRole>
          }
        />
        <Route
          path="transfers/settlement"
          element={
            <RequireRole roles={rolesFor('/transfers/settlement')}>
              <SettlementPage />
            </RequireRole>
          }
        />
        <Route
          path="care-homes"
          element={
            <RequireRole roles={rolesFor('/care-homes')}>
              <CareHomesPage />
            </RequireRole>
          }
        />
        <Route
          path="admin/users"
          element={
            <RequireRole roles={rolesFor('/admin/users')}>
              <UsersPage />
            </RequireRole>
          }
        />
        <Route
          path="admin/pharmacies"
          element={
            <RequireRole roles={rolesFor('/admin/pharmacies')}>
              <PharmaciesPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
