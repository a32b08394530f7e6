import type { TopLevelSpec } from 'vega-lite';

/**
 * Vega and Vega-Lite are ES modules with top-level await, which this CommonJS build cannot
 * `require`; TypeScript would compile a plain `import()` into one, so the import is kept native.
 */
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(specifier: string) => Promise<T>;

interface VegaModule {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: 'none' }) => { toSVG(): Promise<string>; finalize(): void };
}
interface VegaLiteModule {
  compile(spec: TopLevelSpec): { spec: unknown };
}

let modules: Promise<[VegaModule, VegaLiteModule]> | null = null;
const load = () => (modules ??= Promise.all([importEsm<VegaModule>('vega'), importEsm<VegaLiteModule>('vega-lite')]));

/** Fonts every printer and browser has, with Vietnamese glyphs; nothing is fetched. */
export const FONT = 'Arial, "Liberation Sans", "DejaVu Sans", "Noto Sans", sans-serif';

/**
 * An SVG chart rendered on the server, headless (`renderer: 'none'`). Without a canvas package Vega
 * measures text by estimate (characters × font size), which only places labels; the labels are
 * written as text in the SVG, so the browser draws Vietnamese diacritics with its own fonts.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await load();
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Numbers as Vietnamese writes them (50.000; 40,5%). */
const config: TopLevelSpec['config'] = {
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 11 },
  legend: { labelFontSize: 11 },
  view: { stroke: null },
  locale: { number: { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' ₫'] } },
};

/** Bars by child area, and the target as a rule across them when there is one. */
export function barsWithTarget(o: { title: string; rows: { area: string; value: number | null }[]; target: number | null; percent: boolean }): TopLevelSpec {
  // a share near a whole (learning models, cards, fees) reads on 0–100 %; a small one (members in
  // the population) would be invisible there and gets the scale of its own values, with decimals
  const whole = o.percent && Math.max(o.target ?? 0, ...o.rows.map((r) => r.value ?? 0)) >= 0.05;
  const format = o.percent ? (whole ? '.0%' : '.3~%') : ',.0f';
  const bars = {
    mark: { type: 'bar' as const, color: '#2f6f9f' },
    encoding: {
      // every child area keeps its place on the axis, also one with nothing recorded (no bar)
      x: {
        field: 'area',
        type: 'nominal' as const,
        title: null,
        sort: null,
        scale: { domain: o.rows.map((r) => r.area) },
        axis: { labelAngle: -35, labelLimit: 160 },
      },
      y: { field: 'value', type: 'quantitative' as const, title: null, axis: { format }, ...(whole ? { scale: { domain: [0, 1] } } : {}) },
      tooltip: [
        { field: 'area', type: 'nominal' as const },
        { field: 'value', type: 'quantitative' as const, format },
      ],
    },
  };
  const layer =
    o.target === null
      ? [bars]
      : [
          bars,
          {
            data: {
              values: [
                {
                  target: o.target,
                  label: `Kế hoạch ${o.percent ? `${(Math.round(o.target * 1000) / 10).toLocaleString('vi-VN')} %` : o.target.toLocaleString('vi-VN')}`,
                },
              ],
            },
            layer: [
              {
                mark: { type: 'rule' as const, color: '#c0392b', strokeWidth: 2, strokeDash: [6, 3] },
                encoding: { y: { field: 'target', type: 'quantitative' as const } },
              },
              {
                mark: { type: 'text' as const, color: '#c0392b', align: 'left' as const, dx: 4, dy: -6, x: 0 },
                encoding: { y: { field: 'target', type: 'quantitative' as const }, text: { field: 'label' } },
              },
            ],
          },
        ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: o.title, anchor: 'start' },
    width: Math.max(240, o.rows.length * 42),
    height: 200,
    data: { values: o.rows.map((r) => ({ area: r.area, value: r.value })) },
    layer,
    config,
  } as TopLevelSpec;
}

/** Members at the end of the year before and of the year, side by side for each child area. */
export function growth(o: { title: string; rows: { area: string; year: string; members: number | null }[] }): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: o.title, anchor: 'start' },
    width: Math.max(240, o.rows.length * 24),
    height: 200,
    data: { values: o.rows },
    mark: 'bar',
    encoding: {
      x: {
        field: 'area',
        type: 'nominal',
        title: null,
        sort: null,
        scale: { domain: [...new Set(o.rows.map((r) => r.area))] },
        axis: { labelAngle: -35, labelLimit: 160 },
      },
      xOffset: { field: 'year', type: 'nominal' },
      y: { field: 'members', type: 'quantitative', title: 'Hội viên' },
      color: { field: 'year', type: 'nominal', title: 'Năm', scale: { range: ['#9bbcd6', '#2f6f9f'] } },
    },
    config,
  } as TopLevelSpec;
}
