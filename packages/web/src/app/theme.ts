import { createTheme } from '@mantine/core';

/** Teal as the brand; focus rings on every keyboard focus. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  focusRing: 'auto',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  defaultRadius: 'sm',
});
