import { AppShell, Avatar, Badge, Box, Burger, Group, Menu, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth, useSessionUser } from '../auth/auth-context';
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog';
import { useI18n } from '../i18n/i18n';
import { initials } from '../shared/french';
import { useFocusRecovery } from './focus-recovery';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { activeNavPath, navItemsFor } from './navigation';

function UserMenu() {
  const { t } = useI18n();
  const user = useSessionUser();
  const { signOut } = useAuth();
  const [passwordOpen, password] = useDisclosure(false);
  return (
    <>
      <Menu position="bottom-end" width={260} withinPortal>
        <Menu.Target>
          <UnstyledButton
            aria-label={t('header.userMenu', { name: user.displayName })}
            p={4}
            style={{ borderRadius: 8 }}
          >
            <Group gap={8} wrap="nowrap">
              <Avatar size={32} color="teal" radius="xl" aria-hidden>
                {/* Drawn by CSS: decorative letters that must not join the button's name. */}
                <span className="avatar-initials" data-initials={initials(user.displayName)} />
              </Avatar>
              <Text size="sm" fw={500} visibleFrom="lg" truncate maw={160}>
                {user.displayName}
              </Text>
              <IconChevronDown size={14} aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="dark">
              {user.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {user.email}
            </Text>
          </Menu.Label>
          <Menu.Divider />
          {/* On a phone the language is chosen here: the header keeps its room for the pharmacy's name. */}
          <Box hiddenFrom="sm" px="sm" py={6}>
            <LanguageSwitch />
          </Box>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={password.open}>
            {t('header.changePassword')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
            {t('header.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordDialog opened={passwordOpen} onClose={password.close} />
    </>
  );
}

export function AppLayout() {
  const { t } = useI18n();
  const user = useSessionUser();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const place = user.pharmacy?.name ?? user.careHome?.name ?? t('app.cooperative');
  const items = navItemsFor(user.role, user.pharmacy?.careHomes);
  const activePath = activeNavPath(items, location.pathname);
  const noop = () => undefined;
  useFocusRecovery();
  const isActive = (to: string) => to === activePath;

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('nav.toggle')} />
            <Link to="/" style={{ textDecoration: 'none' }} aria-label={`${t('app.name')} — ${t('nav.home')}`}>
              <Logo compact />
            </Link>
            <Stack gap={0} style={{ minWidth: 0 }}>
              {/* On a phone the name wraps on two smaller lines: « Pharmacie … » did not say which. */}
              <Text fz={{ base: 'xs', sm: 'sm' }} lh={1.2} fw={600} lineClamp={2} data-testid="scope-name">
                {place}
              </Text>
              <Badge size="xs" variant="light" w="fit-content" data-testid="role-badge">
                {t(`role.${user.role}`)}
              </Badge>
            </Stack>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Box visibleFrom="sm">
              <LanguageSwitch />
            </Box>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t('nav.label')} style={{ overflowY: 'auto' }}>
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            leftSection={<item.icon size={18} aria-hidden />}
            active={isActive(item.to)}
            aria-current={isActive(item.to) ? 'page' : undefined}
            onClick={close}
            style={{ borderRadius: 8 }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        {/* Nothing of the page behind the first-login dialog: the API refuses it anyway (403). */}
        {user.mustChangePassword ? null : <Outlet />}
      </AppShell.Main>
      {/* A provisional password (account created or reset by the coordinator) is replaced first. */}
      <ChangePasswordDialog opened={user.mustChangePassword} onClose={noop} forced />
    </AppShell>
  );
}
