// The few line icons the navigation needs, inline so no extra request or font is loaded.

const paths = {
  cases: 'M5 4h14v16H5zM8 8h8M8 12h8M8 16h5',
  todo: 'M4 6l2 2 3-3M4 13l2 2 3-3M12 7h8M12 14h8M5 20h15',
  plus: 'M12 5v14M5 12h14',
  stats: 'M5 20V11M10 20V5M15 20v-7M20 20V9M3 20h18',
  me: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c1-4 4-6 8-6s7 2 8 6',
  guides: 'M4 5c3-1 6-1 8 1 2-2 5-2 8-1v14c-3-1-6-1-8 1-2-2-5-2-8-1zM12 6v14',
  review: 'M3 5h7v14H3zM14 5h7v14h-7zM5 9h3M5 13h3M16 9h3M16 13h3',
  accounts: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20c.8-3.5 3.4-5.5 7-5.5s6.2 2 7 5.5M16 4.5a3.5 3.5 0 0 1 0 6.5M18.5 14.8c1.8.8 3 2.6 3.5 5.2',
  help: 'M5 4h14v12H9l-4 4zM9 9h6M9 12h4',
  phone: 'M6 3h4l2 5-2.5 1.5a11 11 0 0 0 5 5L16 12l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 4 5a2 2 0 0 1 2-2z',
} as const;

export type IconName = keyof typeof paths;

export function Icon(p: { name: IconName; size?: number }) {
  const size = p.size ?? 24;
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
      <path d={paths[p.name]} />
    </svg>
  );
}
