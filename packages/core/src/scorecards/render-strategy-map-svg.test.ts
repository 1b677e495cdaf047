import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderStrategyMapSvg } from './render-strategy-map-svg';
import type { StrategyMapModel } from './strategy-map-model';

/** A field-sales map: ten objectives over the four perspectives, ten links, some not borne out by the data. */
const EXAMPLE: StrategyMapModel = {
  title: 'EMEA field sales — strategy map, FY2025 Q3',
  objectives: [
    { id: 'grow_revenue', name: 'Grow revenue profitably', perspective: 'financial', score: 7.8, band: 'green' },
    { id: 'cross_sell_share', name: 'Increase cross-sell revenue share', perspective: 'financial', score: 5.2, band: 'amber' },
    { id: 'deepen', name: 'Deepen customer relationships', perspective: 'customer', score: 6.1, band: 'amber' },
    { id: 'retain', name: 'Retain and delight customers', perspective: 'customer', score: 3.4, band: 'red' },
    { id: 'new_logos', name: 'Win new logos in target segments', perspective: 'customer', score: 8.2, band: 'green' },
    { id: 'win_deals', name: 'Qualify and win the right deals', perspective: 'internal_process', score: 7, band: 'green' },
    { id: 'pipeline', name: 'Keep the pipeline healthy', perspective: 'internal_process', score: null, band: 'no_data' },
    { id: 'introductions', name: 'Introduce colleagues across divisions', perspective: 'internal_process', score: 4.5, band: 'red' },
    { id: 'ramp', name: 'Ramp new reps faster', perspective: 'learning_growth', score: 6.8, band: 'amber' },
    { id: 'expertise', name: 'Build product expertise (R&D <"pilot">)', perspective: 'learning_growth', score: 8.9, band: 'green' },
  ],
  links: [
    { from: 'expertise', to: 'win_deals', rho: 0.62, supported: true, lag: 1 },
    { from: 'ramp', to: 'win_deals', rho: 0.35, supported: true, lag: 2 },
    { from: 'expertise', to: 'introductions', rho: 0.18, supported: false, lag: 0 },
    { from: 'win_deals', to: 'new_logos', rho: 0.71, supported: true, lag: 0 },
    { from: 'pipeline', to: 'new_logos', rho: null, supported: false, lag: null },
    { from: 'introductions', to: 'deepen', rho: 0.44, supported: true, lag: 1 },
    { from: 'deepen', to: 'cross_sell_share', rho: 0.58, supported: true, lag: 1 },
    { from: 'deepen', to: 'retain', rho: 0.22, supported: false, lag: 2 },
    { from: 'retain', to: 'grow_revenue', rho: -0.05, supported: false, lag: 0 },
    { from: 'new_logos', to: 'grow_revenue', rho: 0.66, supported: true, lag: 0 },
  ],
};

function groups(svg: string, cls: string): string[] {
  return [...svg.matchAll(new RegExp(`<g class="${cls}"[^>]*>[\\s\\S]*?</g>`, 'g'))].map((m) => m[0]);
}

function attr(fragment: string, element: string, name: string): number {
  const match = new RegExp(`<${element} [^>]*\\b${name}="([-\\d.]+)"`).exec(fragment);
  if (match?.[1] === undefined) throw new Error(`no ${element} ${name} in ${fragment}`);
  return Number(match[1]);
}

describe('renderStrategyMapSvg', () => {
  const svg = renderStrategyMapSvg(EXAMPLE);

  it('writes the example map for a person to look at', () => {
    const dir = new URL('../../../../test-output/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('strategy-map-example.svg', dir), svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('draws one clickable box per objective, labelled with its score in words', () => {
    const boxes = groups(svg, 'objective');
    expect(boxes).toHaveLength(10);
    expect(boxes.map((b) => /data-objective-id="([^"]*)"/.exec(b)?.[1])).toEqual(
      expect.arrayContaining(EXAMPLE.objectives.map((o) => o.id)),
    );
    const grow = boxes.find((b) => b.includes('data-objective-id="grow_revenue"')) ?? '';
    expect(grow).toContain('>score 7.8 · green</text>');
    expect(grow).toContain('fill="#dcfce7"');
  });

  it('shows an objective without data in grey, saying "no data"', () => {
    const pipeline = groups(svg, 'objective').find((b) => b.includes('data-objective-id="pipeline"')) ?? '';
    expect(pipeline).toContain('>no data</text>');
    expect(pipeline).toContain('fill="#e5e7eb"');
    expect(pipeline).toContain('data-band="no_data"');
  });

  it('stacks the perspectives with financial on top and learning & growth at the bottom', () => {
    const tops = groups(svg, 'perspective').map((g) => [/data-perspective="(\w+)"/.exec(g)?.[1], attr(g, 'rect', 'y')] as const);
    const byTop = [...tops].sort((a, b) => a[1] - b[1]).map(([p]) => p);
    expect(byTop).toEqual(['financial', 'customer', 'internal_process', 'learning_growth']);
    expect(svg).toContain('>Learning &amp; growth</text>');
  });

  it('spreads the boxes of a band evenly', () => {
    // customer band: three boxes of equal width, equal steps between their left edges
    const xs = ['deepen', 'retain', 'new_logos'].map((id) =>
      attr(groups(svg, 'objective').find((b) => b.includes(`"${id}"`)) ?? '', 'rect', 'x'),
    );
    const [a = 0, b = 0, c = 0] = xs;
    expect(b - a).toBeCloseTo(c - b, 1);
    expect(a).toBeGreaterThan(150);
  });

  it('draws one arrow per link, dashed exactly when the data do not support it', () => {
    const links = groups(svg, 'link');
    expect(links).toHaveLength(10);
    expect(links.filter((l) => l.includes('stroke-dasharray'))).toHaveLength(4);
    for (const l of links) expect(l.includes('stroke-dasharray')).toBe(l.includes('data-supported="false"'));
    expect(links.every((l) => /marker-end="url\(#strategy-map-arrow-(supported|unsupported)\)"/.test(l))).toBe(true);
  });

  it('makes an arrow as thick as its correlation is strong, and thinnest when there is none', () => {
    const links = groups(svg, 'link');
    const width = (from: string, to: string) =>
      attr(links.find((l) => l.includes(`data-from="${from}" data-to="${to}"`)) ?? '', 'line', 'stroke-width');
    expect(width('expertise', 'win_deals')).toBe(4.1); // 1 + 5 × 0.62
    expect(width('win_deals', 'new_logos')).toBe(4.55); // 1 + 5 × 0.71
    expect(width('retain', 'grow_revenue')).toBe(1.25); // 1 + 5 × |−0.05|
    expect(width('pipeline', 'new_logos')).toBe(1); // no rho: the minimum
  });

  it('explains each arrow in a tooltip', () => {
    const links = groups(svg, 'link');
    expect(links[0]).toContain(
      '<title>Build product expertise (R&amp;D &lt;&quot;pilot&quot;&gt;) → Qualify and win the right deals: rho 0.62 at a lag of 1 period; supported by the data</title>',
    );
    expect(links[4]).toContain(
      '<title>Keep the pipeline healthy → Win new logos in target segments: no correlation could be computed; not supported by the data</title>',
    );
  });

  it('escapes every text that comes from users, in content and attributes', () => {
    const hostile: StrategyMapModel = {
      title: `Q3 <script>alert('x')</script> & "more"`,
      objectives: [
        { id: `a"><script>`, name: `<&"'>`, perspective: 'customer', score: 5, band: 'amber' },
        { id: 'b', name: `Tom's & Jerry's\u0001`, perspective: 'financial', score: 9, band: 'green' },
      ],
      links: [{ from: `a"><script>`, to: 'b', rho: 0.5, supported: true, lag: 0 }],
    };
    const out = renderStrategyMapSvg(hostile);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('\u0001');
    expect(out).toContain('>&lt;&amp;&quot;&apos;&gt;</text>');
    expect(out).toContain('data-objective-id="a&quot;&gt;&lt;script&gt;"');
    expect(out).toContain(
      '<title id="strategy-map-title">Q3 &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;more&quot;</title>',
    );
    // every & starts an entity
    expect(out.match(/&(?!(amp|lt|gt|quot|apos);)/g)).toBeNull();
  });

  it('is an accessible image with a title and a description', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="strategy-map-title strategy-map-desc"/);
    expect(svg).toContain('<title id="strategy-map-title">EMEA field sales — strategy map, FY2025 Q3</title>');
    expect(svg).toContain(
      '<desc id="strategy-map-desc">Strategy map with 10 objectives in four perspectives, from learning and growth at the bottom to financial at the top, and 10 cause-and-effect links, 6 of them supported by the data.</desc>',
    );
  });

  it('gives the same string for the same map, and distinct ids under another prefix', () => {
    expect(renderStrategyMapSvg(EXAMPLE)).toBe(svg);
    const other = renderStrategyMapSvg(EXAMPLE, { idPrefix: 'map-2', width: 1200 });
    expect(other).toContain('id="map-2-arrow-supported"');
    expect(other).not.toContain('strategy-map-');
    expect(other).toContain('viewBox="0 0 1200 ');
  });

  it('refuses a link to an objective that is not on the map, which is a bug in whoever built the model', () => {
    const broken: StrategyMapModel = { ...EXAMPLE, links: [{ from: 'expertise', to: 'nowhere', rho: null, supported: false, lag: null }] };
    expect(() => renderStrategyMapSvg(broken)).toThrow(/nowhere/);
  });
});
