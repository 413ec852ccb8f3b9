import { type CSSVariablesResolver, createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';

/**
 * Mantine's palette with shades 8 and 9 darkened where they miss WCAG AA (4.5:1): shade 8 is
 * the filled background under white text and the colour of links and outlines (≥ 4.8:1 on
 * white and on a hovered table row, ≥ 4.5:1 on gray 2), shade 9 the text of "light" badges, buttons and the active
 * navigation link on shade 1, and on shade 2 when hovered (≥ 4.7:1). Mantine's own teal 8 gave white buttons 3.95:1 and links 3.74:1.
 */
const AA_SHADES: Record<string, [string, string]> = {
  teal: ['#087a57', '#076f50'],
  orange: ['#b7460a', '#ab380c'],
  green: ['#247a34', '#237032'],
  red: ['#ca2d2d', '#ac2424'],
  yellow: ['#9c5b00', '#a15300'],
  cyan: ['#0a7585', '#0a6778'],
  lime: ['#47760a', '#48720a'],
  blue: ['#186cba', '#155998'],
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
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-placeholder': '#6c757d',
    // Field errors were red 6 (3.28:1); red 8 reads 4.8:1 on white.
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
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
    // A menu opened from the keyboard puts focus on its first item, as the WAI-ARIA menu button
    // pattern says; Mantine's default put it on a nameless placeholder, ArrowDown needed first.
    Menu: { defaultProps: { withInitialFocusPlaceholder: false, menuItemTabIndex: 0 } },
    // « Afficher le mot de passe » is reached with Tab too (Mantine skips it by default).
    PasswordInput: { defaultProps: { visibilityToggleFocusable: true } },
    // Our steppers show progress and are never clicked: a step is text, not a button that a screen
    // reader announces as one (and that does nothing).
    StepperStep: { defaultProps: { component: 'div' } },
    Table: { defaultProps: { highlightOnHover: true, verticalSpacing: 'sm' } },
    // A table wider than a phone shows its scrollbar, the sign that more columns lie to the right
    // (Mantine's default shows it on hover only, which a finger never does).
    TableScrollContainer: { defaultProps: { scrollAreaProps: { type: 'auto', offsetScrollbars: 'x' } } },
  },
});
