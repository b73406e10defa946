// Hand-written SVG charts (no chart library: the dashboard chunk stays small). The numbers are
// always in a table beside them, so the charts are decoration for screen readers (aria-hidden).

import { t } from '../../shared/i18n/index.ts';

export interface Bar {
  key: string;
  label: string;
  accepted: number;
  succeeded: number;
}

/** One row per area: 受理 as the light bar, 调解成功 inside it. */
export function BarChart(p: { bars: readonly Bar[]; caption: string }) {
  const max = Math.max(1, ...p.bars.map((b) => b.accepted));
  return (
    <figure class="bar-chart" data-testid="bar-chart">
      <figcaption>
        {p.caption}
        <span class="legend" aria-hidden="true">
          <i class="swatch accepted" />{t('stats.accepted')}
          <i class="swatch succeeded" />{t('stats.succeeded')}
        </span>
      </figcaption>
      <ul aria-hidden="true">
        {p.bars.map((b) => (
          <li key={b.key}>
            <span class="bar-label">{b.label}</span>
            <svg class="bar" viewBox="0 0 100 12" preserveAspectRatio="none" focusable="false">
              <rect class="accepted" x="0" y="0" height="12" width={(b.accepted / max) * 100} rx="1" />
              <rect class="succeeded" x="0" y="3" height="6" width={(b.succeeded / max) * 100} />
            </svg>
            <span class="bar-value">{b.accepted}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

export interface TrendBar {
  month: string;
  accepted: number;
  succeeded: number;
}

const W = 360;
const H = 150;
const BASE = 124;

/** Twelve months of 受理 (columns) with 调解成功 (inner columns). */
export function TrendChart(p: { points: readonly TrendBar[]; caption: string }) {
  const max = Math.max(1, ...p.points.map((x) => x.accepted));
  const step = W / Math.max(1, p.points.length);
  const scale = (n: number) => (n / max) * (BASE - 16);
  return (
    <figure class="trend-chart" data-testid="trend-chart">
      <figcaption>{p.caption}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
        <line x1="0" x2={W} y1={BASE} y2={BASE} class="axis" />
        {p.points.map((x, i) => {
          const cx = i * step + step / 2;
          const hA = scale(x.accepted);
          const hS = scale(x.succeeded);
          return (
            <g key={x.month}>
              <rect class="accepted" x={cx - step * 0.35} y={BASE - hA} width={step * 0.7} height={hA} rx="2" />
              <rect class="succeeded" x={cx - step * 0.18} y={BASE - hS} width={step * 0.36} height={hS} />
              {x.accepted > 0 && <text x={cx} y={BASE - hA - 3} class="value">{x.accepted}</text>}
              <text x={cx} y={BASE + 16} class="month">{Number(x.month.slice(5))}{t('dash.monthSuffix')}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
