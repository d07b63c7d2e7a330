/** Small line icons drawn inline (no icon font: fonts on people's machines lack the glyphs). */
const PATHS = {
  eye: 'M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12zm10 3a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  eyeOff:
    'M3 3l18 18M10.6 5.1A10.6 10.6 0 0 1 12 5c6.4 0 10 7 10 7a17 17 0 0 1-3.2 4M6.6 6.6A17 17 0 0 0 2 12s3.6 7 10 7a9.7 9.7 0 0 0 5.4-1.6',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  check: 'M4 12l5 5L20 6',
  popOut: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  // What a list row's quick action copies.
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0',
  password: 'M3 7h18v10H3zM7 12h.01M11 12h.01M15 12h.01',
  code: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
  // The item types (vault list rows), drawn for Coffer.
  login: 'M14 10a4 4 0 1 0-3.9 4L8 16H6v2H4v2H2v-3l7.1-7.1M16.5 7.5h.01',
  secureNote: 'M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7',
  card: 'M3 6h18v12H3zM3 10h18M7 15h4',
  identity:
    'M3 5h18v14H3zM9 11a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM5.5 16a3.5 3.5 0 0 1 7 0M15 9h3M15 13h3',
  sshKey: 'M3 5h18v14H3zM7 10l3 2-3 2M12 15h5',
  bankAccount: 'M3 9l9-5 9 5M5 10v7M10 10v7M14 10v7M19 10v7M3 20h18',
  driversLicense: 'M3 6h18v12H3zM7 14l1.5-4h7l1.5 4M7 14h10M8 16h.01M16 16h.01',
  passport: 'M6 3h12v18H6zM12 14a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM9 11h6M12 8c-1 1-1 5 0 6M9 18h6',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
