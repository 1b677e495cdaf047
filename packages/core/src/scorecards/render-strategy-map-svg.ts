/**
 * Draws a strategy map as a standalone SVG string, with no DOM, so the server,
 * the CLI (board-pack exports) and the browser print the same picture. Four
 * horizontal perspective bands, learning & growth at the bottom and financial
 * on top; one box per objective, coloured by band and always labelled with its
 * score in words too (colour is never the only carrier); one arrow per link,
 * from cause to effect, as thick as the correlation found is strong and dashed
 * when the data do not support it. Every user-supplied text is escaped. The
 * same model always gives the same string, so snapshots and caches can trust it.
 */
import { assertNever } from '../domain/assert-never';
import type { Perspective } from '../metrics/kpi-definition';
import { escapeXml } from './escape-xml';
import { perspectiveLabel } from './perspective-label';
import type { Band } from './scorecard-types';
import { STRATEGY_MAP_PERSPECTIVES, type StrategyMapLink, type StrategyMapModel, type StrategyMapObjective } from './strategy-map-model';

export interface StrategyMapSvgOptions {
  /** Width in pixels; the height follows from the four bands. Default 1000. */
  width?: number;
  /** Prefix of the ids inside the SVG, distinct per map when several share a page. Default "strategy-map". */
  idPrefix?: string;
}

const TITLE_HEIGHT = 48;
const BAND_HEIGHT = 150;
const LEGEND_HEIGHT = 44;
const LABEL_WIDTH = 150;
const SIDE_MARGIN = 16;
const BOX_HEIGHT = 64;
const BOX_MAX_WIDTH = 200;
const BOX_GAP = 24;
const NAME_FONT_SIZE = 13;
/** A generous average glyph width for sans-serif text, in ems, to wrap names without measuring them. */
const GLYPH_EM = 0.56;
const HEAD_LENGTH = 12;
const MIN_STROKE = 1;
const MAX_EXTRA_STROKE = 5;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const INK = '#111827';
const SUPPORTED_INK = '#334155';
const UNSUPPORTED_INK = '#94a3b8';

interface Box {
  objective: StrategyMapObjective;
  x: number;
  y: number;
  width: number;
}

/** The strategy map as an accessible, deterministic SVG document. */
export function renderStrategyMapSvg(map: StrategyMapModel, opts: StrategyMapSvgOptions = {}): string {
  const width = opts.width ?? 1000;
  const prefix = opts.idPrefix ?? 'strategy-map';
  if (!/^[A-Za-z][\w-]*$/.test(prefix)) throw new Error(`idPrefix must be an XML name, got ${JSON.stringify(prefix)}`);
  if (!(width >= LABEL_WIDTH + 2 * SIDE_MARGIN + 100))
    throw new Error(`a strategy map needs a width of at least ${LABEL_WIDTH + 2 * SIDE_MARGIN + 100}`);
  const height = TITLE_HEIGHT + STRATEGY_MAP_PERSPECTIVES.length * BAND_HEIGHT + LEGEND_HEIGHT;
  const boxes = layOut(map.objectives, width);
  const supported = map.links.filter((l) => l.supported).length;
  const description =
    `Strategy map with ${count(map.objectives.length, 'objective')} in four perspectives, from learning and growth at the bottom ` +
    `to financial at the top, and ${count(map.links.length, 'cause-and-effect link')}, ${supported} of them supported by the data.`;

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" ` +
      `aria-labelledby="${prefix}-title ${prefix}-desc" font-family="${FONT_FAMILY}">`,
    `<title id="${prefix}-title">${escapeXml(map.title)}</title>`,
    `<desc id="${prefix}-desc">${escapeXml(description)}</desc>`,
    '<defs>',
    arrowHead(`${prefix}-arrow-supported`, SUPPORTED_INK),
    arrowHead(`${prefix}-arrow-unsupported`, UNSUPPORTED_INK),
    '</defs>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${SIDE_MARGIN}" y="31" font-size="20" font-weight="700" fill="${INK}">${escapeXml(map.title)}</text>`,
  ];
  for (const perspective of STRATEGY_MAP_PERSPECTIVES) out.push(renderBand(perspective, width));
  for (const link of map.links) out.push(renderLink(link, boxes, prefix));
  for (const box of boxes.values()) out.push(renderBox(box));
  out.push(renderLegend(width, height, prefix), '</svg>');
  return `${out.join('\n')}\n`;
}

/** Boxes spread evenly across their band, in the order the objectives are given. */
function layOut(objectives: readonly StrategyMapObjective[], width: number): Map<string, Box> {
  const boxes = new Map<string, Box>();
  const left = LABEL_WIDTH + SIDE_MARGIN;
  const usable = width - SIDE_MARGIN - left;
  for (const perspective of STRATEGY_MAP_PERSPECTIVES) {
    const inBand = objectives.filter((o) => o.perspective === perspective);
    const slot = usable / Math.max(1, inBand.length);
    const boxWidth = Math.min(BOX_MAX_WIDTH, slot - BOX_GAP);
    const y = bandTop(perspective) + (BAND_HEIGHT - BOX_HEIGHT) / 2;
    inBand.forEach((objective, i) => {
      if (boxes.has(objective.id)) throw new Error(`objective ${objective.id} appears twice on the strategy map`);
      boxes.set(objective.id, { objective, x: left + slot * i + (slot - boxWidth) / 2, y, width: boxWidth });
    });
  }
  return boxes;
}

function bandTop(perspective: Perspective): number {
  const fromTop = STRATEGY_MAP_PERSPECTIVES.length - 1 - STRATEGY_MAP_PERSPECTIVES.indexOf(perspective);
  return TITLE_HEIGHT + fromTop * BAND_HEIGHT;
}

function renderBand(perspective: Perspective, width: number): string {
  const top = bandTop(perspective);
  const shade = STRATEGY_MAP_PERSPECTIVES.indexOf(perspective) % 2 === 0 ? '#f8fafc' : '#eef2f7';
  return [
    `<g class="perspective" data-perspective="${perspective}">`,
    `<rect x="0" y="${top}" width="${width}" height="${BAND_HEIGHT}" fill="${shade}" stroke="#cbd5e1" stroke-width="1"/>`,
    `<text x="${SIDE_MARGIN}" y="${top + BAND_HEIGHT / 2 + 5}" font-size="14" font-weight="700" fill="#334155">${escapeXml(perspectiveLabel(perspective))}</text>`,
    '</g>',
  ].join('\n');
}

function renderBox(box: Box): string {
  const { objective, x, y, width } = box;
  const colours = bandColours(objective.band);
  const status = statusText(objective);
  const cx = x + width / 2;
  const nameLines = wrap(objective.name, Math.floor((width - 16) / (NAME_FONT_SIZE * GLYPH_EM)));
  const nameTop = nameLines.length === 1 ? y + 26 : y + 20;
  const texts = nameLines.map(
    (line, i) =>
      `<text x="${num(cx)}" y="${nameTop + i * 16}" text-anchor="middle" font-size="${NAME_FONT_SIZE}" font-weight="600" fill="${INK}">${escapeXml(line)}</text>`,
  );
  const statusY = nameLines.length === 1 ? y + 46 : y + 54;
  return [
    `<g class="objective" data-objective-id="${escapeXml(objective.id)}" data-band="${objective.band}">`,
    `<title>${escapeXml(`${objective.name}: ${status}`)}</title>`,
    `<rect x="${num(x)}" y="${y}" width="${num(width)}" height="${BOX_HEIGHT}" rx="8" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="2"/>`,
    ...texts,
    `<text x="${num(cx)}" y="${statusY}" text-anchor="middle" font-size="12" fill="${INK}">${escapeXml(status)}</text>`,
    '</g>',
  ].join('\n');
}

/** Light fills under dark text (contrast above 12:1); borders at least 4.5:1 against white. */
function bandColours(band: Band): { fill: string; stroke: string } {
  switch (band) {
    case 'green':
      return { fill: '#dcfce7', stroke: '#15803d' };
    case 'amber':
      return { fill: '#fef3c7', stroke: '#b45309' };
    case 'red':
      return { fill: '#fee2e2', stroke: '#b91c1c' };
    case 'no_data':
      return { fill: '#e5e7eb', stroke: '#6b7280' };
    default:
      return assertNever(band, 'band');
  }
}

function statusText(objective: StrategyMapObjective): string {
  if (objective.band === 'no_data' || objective.score === null) return 'no data';
  return `score ${objective.score.toFixed(1)} · ${objective.band}`;
}

/** Greedy word wrap into at most two lines, the second cut with an ellipsis when the name is longer. */
function wrap(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.trim().split(/\s+/)) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if ([...candidate].length <= maxChars || current === '') {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
  }
  lines.push(current);
  const kept = lines.slice(0, 2).map((line) => cut(line, maxChars));
  if (lines.length > 2) kept[1] = cut(`${kept[1]}…`, maxChars);
  return kept;
}

function cut(line: string, maxChars: number): string {
  const chars = [...line];
  return chars.length <= maxChars ? line : `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`;
}

function renderLink(link: StrategyMapLink, boxes: ReadonlyMap<string, Box>, prefix: string): string {
  const from = boxes.get(link.from);
  const to = boxes.get(link.to);
  if (from === undefined || to === undefined) throw new Error(`link ${link.from} → ${link.to} names an objective not on the map`);
  if (from === to) throw new Error(`link ${link.from} → ${link.to} joins an objective to itself`);
  const [x1, y1] = edgePoint(from, to);
  const [tipX, tipY] = edgePoint(to, from);
  // The line stops where the arrowhead begins, so a thick line never shows past the head's point.
  const length = Math.hypot(tipX - x1, tipY - y1);
  const shorten = Math.min(HEAD_LENGTH, length / 2);
  const x2 = tipX - ((tipX - x1) / length) * shorten;
  const y2 = tipY - ((tipY - y1) / length) * shorten;
  const strokeWidth = MIN_STROKE + MAX_EXTRA_STROKE * Math.min(1, Math.abs(link.rho ?? 0));
  const ink = link.supported ? SUPPORTED_INK : UNSUPPORTED_INK;
  const marker = `${prefix}-arrow-${link.supported ? 'supported' : 'unsupported'}`;
  const dash = link.supported ? '' : ' stroke-dasharray="6 4"';
  const tooltip = `${from.objective.name} → ${to.objective.name}: ${linkText(link)}`;
  return [
    `<g class="link" data-from="${escapeXml(link.from)}" data-to="${escapeXml(link.to)}" data-supported="${link.supported}">`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${ink}" stroke-width="${num(strokeWidth)}"${dash} ` +
      `marker-end="url(#${marker})"/>`,
    '</g>',
  ].join('\n');
}

function linkText(link: StrategyMapLink): string {
  const verdict = link.supported ? 'supported by the data' : 'not supported by the data';
  if (link.rho === null) return `no correlation could be computed; ${verdict}`;
  const at = link.lag === null ? '' : ` at a lag of ${link.lag} ${link.lag === 1 ? 'period' : 'periods'}`;
  return `rho ${link.rho.toFixed(2)}${at}; ${verdict}`;
}

/** Where the line from the centre of `box` towards the centre of `other` leaves `box`, 3 px outside its border. */
function edgePoint(box: Box, other: Box): [number, number] {
  const cx = box.x + box.width / 2;
  const cy = box.y + BOX_HEIGHT / 2;
  const dx = other.x + other.width / 2 - cx;
  const dy = other.y + BOX_HEIGHT / 2 - cy;
  const halfWidth = box.width / 2 + 3;
  const halfHeight = BOX_HEIGHT / 2 + 3;
  const t = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : halfWidth / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : halfHeight / Math.abs(dy),
  );
  return [cx + dx * t, cy + dy * t];
}

function arrowHead(id: string, ink: string): string {
  return (
    `<marker id="${id}" viewBox="0 0 ${HEAD_LENGTH} 10" refX="0" refY="5" markerWidth="${HEAD_LENGTH}" markerHeight="10" ` +
    `markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L${HEAD_LENGTH},5 L0,10 z" fill="${ink}"/></marker>`
  );
}

function renderLegend(width: number, height: number, prefix: string): string {
  const y = height - LEGEND_HEIGHT / 2;
  const x = SIDE_MARGIN;
  return [
    '<g class="legend" font-size="12" fill="#334155">',
    `<line x1="${x}" y1="${y - 4}" x2="${x + 36}" y2="${y - 4}" stroke="${SUPPORTED_INK}" stroke-width="3" marker-end="url(#${prefix}-arrow-supported)"/>`,
    `<text x="${x + 56}" y="${y}">supported by the data</text>`,
    `<line x1="${x + 210}" y1="${y - 4}" x2="${x + 246}" y2="${y - 4}" stroke="${UNSUPPORTED_INK}" stroke-width="3" stroke-dasharray="6 4" marker-end="url(#${prefix}-arrow-unsupported)"/>`,
    `<text x="${x + 266}" y="${y}">not supported by the data</text>`,
    `<text x="${x + 440}" y="${y}">line width: strength of the correlation (|rho|)</text>`,
    `<text x="${width - SIDE_MARGIN}" y="${y}" text-anchor="end">scores 0–10</text>`,
    '</g>',
  ].join('\n');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Coordinates to two decimals at most, so the output is short and the same on every platform. */
function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}
