import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Dense business UI: smaller default sizes, a calm blue, readable contrast (WCAG AA).
const base = createTheme({
  primaryColor: 'blue',
  // People who ask their system for less motion get no transitions.
  respectReducedMotion: true,
  primaryShade: { light: 8 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Table: { defaultProps: { verticalSpacing: 6, highlightOnHover: true } },
  },
});

export function makeTheme(closeLabel: string) {
  return createTheme({
    ...base,
    components: {
      ...base.components,
      // The close buttons of notifications and modals are icons: give them a name.
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } },
    },
  });
}


// Text on the library's "light" backgrounds (badges, active navigation, avatars) uses shade 6
// by default, 3:1 against its tint; WCAG AA needs 4.5:1. Darker shades keep the look and pass.
const lightText: Record<string, string> = {
  blue: 'var(--mantine-color-blue-9)',
  indigo: 'var(--mantine-color-indigo-9)',
  red: 'var(--mantine-color-red-9)',
  green: '#1f6b30',
  teal: 'var(--mantine-color-teal-9)',
  gray: 'var(--mantine-color-gray-8)',
  dark: 'var(--mantine-color-dark-7)',
  violet: 'var(--mantine-color-violet-9)',
  grape: 'var(--mantine-color-grape-9)',
  cyan: '#0b6b7a',
  orange: '#a63c06',
  yellow: '#7a5200',
};

/** Mantine's "dimmed" grey is 3.3:1 on white; WCAG AA needs 4.5:1 for body text. */
export const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(Object.entries(lightText).map(([color, value]) => [`--mantine-color-${color}-light-color`, value])),
  },
  dark: {},
});
