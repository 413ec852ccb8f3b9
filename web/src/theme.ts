import { createTheme } from '@mantine/core';

// Teal echoes the pharmacy green cross without the garish neon; the default focus
// ring ('auto') shows on keyboard focus only, thick enough to be seen.
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // A badge in a squeezed table cell must not shrink to "PHAR…": its column grows instead.
    Badge: { styles: { root: { minWidth: 'max-content' } } },
    Button: { defaultProps: { radius: 'md' } },
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Modal: { defaultProps: { centered: true } },
    Table: { defaultProps: { highlightOnHover: true, verticalSpacing: 'sm' } },
  },
});
