import { type CSSVariablesResolver, createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's palette with shades 8 and 9 darkened where they miss WCAG AA (4.5:1): shade 8 is
 * the filled background under white text and the colour of links and outlines (≥ 4.9:1 on
 * white, ≥ 4.6:1 on the grey page), shade 9 the text of "light" badges, buttons and the active
 * navigation link on shade 1, and on shade 2 when hovered (≥ 4.7:1). Mantine's own teal 8 gave white buttons 3.95:1 and links 3.74:1.
 */
const AA_SHADES: Record<string, [string, string]> = {
  teal: ['#08805c', '#076f50'],
  orange: ['#c14a0a', '#ab380c'],
  green: ['#268037', '#237032'],
  red: ['#d52f2f', '#ac2424'],
  yellow: ['#a35f00', '#a15300'],
  cyan: ['#0b7c8e', '#0a6778'],
  lime: ['#4c7e0b', '#48720a'],
  blue: ['#1971c2', '#155998'],
  grape: ['#9c36b5', '#832d99'],
  violet: ['#6741d9', '#5839b6'],
  indigo: ['#3b5bdb', '#3147b3'],
};

const colors = Object.fromEntries(
  Object.entries(AA_SHADES).map(([name, [eight, nine]]) => {
    const shades = [...(DEFAULT_THEME.colors[name] ?? [])];
    shades[8] = eight;
    shades[9] = nine;
    return [name, shades as unknown as MantineColorsTuple];
  }),
);

// Grey secondary text ("dimmed"): gray 6 was 3.15:1 on the grey page; this is 5.8:1 there.
// Placeholders (gray 5, 2.07:1) are text a user must read: 4.7:1 on white.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5c636a', '--mantine-color-placeholder': '#6c757d' },
  dark: {},
});

// Teal echoes the pharmacy green cross without the garish neon; the default focus
// ring ('auto') shows on keyboard focus only, thick enough to be seen.
export const theme = createTheme({
  colors,
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
