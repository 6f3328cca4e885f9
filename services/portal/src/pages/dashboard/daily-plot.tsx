import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { type DailyDay, toPlotColumns } from './daily-series.ts';

const HEIGHT = 260;
// The palette of styles.css (a canvas cannot read CSS variables): AA contrast on white.
const FG = '#1b1f24';
const ACCENT = '#0b5cad';
const ACCENT_FILL = 'rgba(11, 92, 173, 0.25)';
const MUTED = '#57606a';
const OK = '#1a7f37';
const GRID = '#d0d7de';

/**
 * The chart itself (uPlot on a canvas), loaded on its own: received orders as bars, shipped as a
 * dashed line, both on the left axis; the on-time share on the right, in percent. Hidden from
 * assistive technology: the figure's caption and table say the same in text.
 */
export default function DailyPlot({ days }: { days: readonly DailyDay[] }) {
  const { t, format } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    /** A tick or hover position's day, formatted; blank between days and past either end. */
    const dayAt = (i: number, f: (ymd: string) => string) => {
      const d = Number.isInteger(i) ? days[i] : undefined;
      return d ? f(d.day) : '';
    };
    const count = (_: uPlot, v: number | null) => (v === null ? '—' : format.number(v));
    const axis = { stroke: FG, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID } };
    const plot = new uPlot(
      {
        width: el.clientWidth,
        height: HEIGHT,
        scales: {
          x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
          n: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
          pct: { range: [0, 100] },
        },
        series: [
          { label: t('dashboard.col.day'), value: (_u, i) => dayAt(i, format.day) },
          {
            label: t('dashboard.col.received'),
            scale: 'n',
            stroke: ACCENT,
            fill: ACCENT_FILL,
            paths: uPlot.paths.bars?.({ size: [0.6, 48] }),
            points: { show: false },
            value: count,
          },
          {
            label: t('dashboard.col.shipped'),
            scale: 'n',
            stroke: MUTED,
            dash: [6, 4],
            width: 2,
            value: count,
          },
          {
            label: t('dashboard.col.onTime'),
            scale: 'pct',
            stroke: OK,
            width: 2,
            points: { show: true, size: 6 },
            value: (_u, v) => (v === null ? '—' : format.percent(v / 100)),
          },
        ],
        axes: [
          {
            ...axis,
            space: 56,
            incrs: [1, 2, 7, 14, 28],
            values: (_u, splits) => splits.map((i) => dayAt(i, format.dayShort)),
          },
          {
            ...axis,
            scale: 'n',
            label: t('dashboard.axis.orders'),
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000],
            values: (_u, splits) => splits.map((v) => format.number(v)),
          },
          {
            ...axis,
            scale: 'pct',
            side: 1,
            label: t('dashboard.axis.onTime'),
            grid: { show: false },
            values: (_u, splits) => splits.map((v) => format.percent(v / 100)),
          },
        ],
      },
      toPlotColumns(days),
      el,
    );
    // The page decides the width (a phone's, a desk's): the canvas follows its box.
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: el.clientWidth, height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, t, format]);
  return <div ref={host} className="daily-plot" aria-hidden="true" />;
}
