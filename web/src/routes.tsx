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
