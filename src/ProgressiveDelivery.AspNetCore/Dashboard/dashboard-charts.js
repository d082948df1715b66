// Inline SVG line charts for the ProgressiveDelivery dashboard. Every string reaches the page through text nodes or
// setAttribute, never through HTML parsing, so user-controlled names cannot become markup.
'use strict';
window.PdCharts = (() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 640, H = 230, L = 62, R = 14, T = 14, B = 34;

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== undefined && value !== null) node.setAttribute(key, String(value));
    }
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function html(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function niceTicks(min, max, count) {
    const span = max - min || 1;
    const raw = span / count;
    const step = [1, 2, 2.5, 5, 10].map(f => f * Math.pow(10, Math.floor(Math.log10(raw)))).find(s => s >= raw);
    const ticks = [];
    for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return ticks;
  }

  function timeLabel(ms, span) {
    const d = new Date(ms);
    const hh = String(d.getHours()).padStart(2, '0'), mm = String(d.getMinutes()).padStart(2, '0'), ss = String(d.getSeconds()).padStart(2, '0');
    return span < 15 * 60 * 1000 ? `${hh}:${mm}:${ss}` : `${hh}:${mm}`;
  }

  // series: [{ name, points: [[timeMs, value]], step?, dashed? }]; bands: [{ name, points: [[timeMs, low, high]] }];
  // lines: [{ name, value, kind: 'tolerance' | 'zero' }]; format: value -> axis text. focus (0..1]: the value axis fits
  // only that latest share of each series and band (and the lines), so that the first looks' very wide intervals do
  // not flatten the part that decides; what lies beyond is drawn cut at the chart's edge, and the chart says so.
  function lineChart({ title, unit, series, bands = [], lines = [], yMin, yMax, format = v => String(v), note, focus = 1 }) {
    const figure = html('figure', 'chart');
    figure.append(html('figcaption', null, `${title} (${unit})`));
    const all = series.flatMap(s => s.points).concat(bands.flatMap(b => b.points.map(p => [p[0], p[1]]).concat(b.points.map(p => [p[0], p[2]]))));
    if (all.length === 0) {
      figure.append(html('p', 'muted', 'No data yet.'));
      return figure;
    }
    let x0 = Math.min(...all.map(p => p[0])), x1 = Math.max(...all.map(p => p[0]));
    if (x1 - x0 < 1000) { x0 -= 30000; x1 += 30000; }
    const latestShare = points => points.slice(Math.floor(points.length * (1 - focus)));
    const focused = series.flatMap(s => latestShare(s.points).map(p => p[1]))
      .concat(bands.flatMap(b => latestShare(b.points).flatMap(p => [p[1], p[2]])));
    const values = focused.concat(lines.map(l => l.value)).filter(Number.isFinite);
    let y0 = yMin ?? Math.min(...values), y1 = yMax ?? Math.max(...values);
    if (y1 - y0 < 1e-12) { y0 -= 1; y1 += 1; }
    if (yMin === undefined || yMax === undefined) { const pad = (y1 - y0) * 0.08; if (yMin === undefined) y0 -= pad; if (yMax === undefined) y1 += pad; }
    const sx = t => L + (t - x0) / (x1 - x0) * (W - L - R);
    const cut = all.some(p => p[1] < y0 || p[1] > y1);
    const sy = v => H - B - (Math.min(y1, Math.max(y0, v)) - y0) / (y1 - y0) * (H - T - B);

    const latest = series.map(s => s.points.length ? `${s.name} ${format(s.points[s.points.length - 1][1])}` : null).filter(Boolean).join(', ');
    const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${title} in ${unit} over time. Latest: ${latest || 'none'}.` });
    root.append(svg('title', {}, `${title} (${unit})`));
    const axis = svg('g', { class: 'axis' });
    for (const v of niceTicks(y0, y1, 5)) {
      root.append(svg('line', { class: 'grid', x1: L, x2: W - R, y1: sy(v), y2: sy(v) }));
      axis.append(svg('text', { x: L - 6, y: sy(v) + 4, 'text-anchor': 'end' }, format(v)));
    }
    const xTicks = niceTicks(x0, x1, 5);
    for (const t of xTicks) axis.append(svg('text', { x: sx(t), y: H - B + 16, 'text-anchor': 'middle' }, timeLabel(t, x1 - x0)));
    axis.append(svg('line', { x1: L, x2: L, y1: T, y2: H - B }));
    axis.append(svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B }));
    axis.append(svg('text', { x: W - R, y: H - 4, 'text-anchor': 'end' }, 'time (local)'));
    axis.append(svg('text', { x: 12, y: T + (H - T - B) / 2, transform: `rotate(-90 12 ${T + (H - T - B) / 2})`, 'text-anchor': 'middle' }, unit));
    root.append(axis);

    const legend = html('ul', 'legend');
    bands.forEach(band => {
      const points = band.points.map(p => `${sx(p[0])},${sy(p[2])}`).concat(band.points.slice().reverse().map(p => `${sx(p[0])},${sy(p[1])}`));
      root.append(svg('polygon', { class: 'band', points: points.join(' ') }));
      legend.append(legendItem('band', band.name));
    });
    lines.forEach(line => {
      if (!Number.isFinite(line.value) || line.value < y0 || line.value > y1) return;
      root.append(svg('line', { class: `hline ${line.kind}`, x1: L, x2: W - R, y1: sy(line.value), y2: sy(line.value) }));
      // Labels at opposite ends, so that lines close together (no effect and a small tolerance) keep both readable.
      const atStart = line.kind === 'zero';
      root.append(svg('text', { class: 'hline-label', x: atStart ? L + 4 : W - R - 4, y: sy(line.value) - 4, 'text-anchor': atStart ? 'start' : 'end' }, `${line.name} ${format(line.value)}`));
      legend.append(legendItem(line.kind, `${line.name} (${format(line.value)})`));
    });
    series.forEach((s, i) => {
      const points = [];
      s.points.forEach((p, j) => {
        if (s.step && j > 0) points.push(`${sx(p[0])},${sy(s.points[j - 1][1])}`);
        points.push(`${sx(p[0])},${sy(p[1])}`);
      });
      root.append(svg('polyline', { class: `series s${i % 4}${s.dashed ? ' dashed' : ''}`, points: points.join(' ') }));
      legend.append(legendItem(`s${i % 4}`, s.name));
    });
    figure.append(root, legend);
    if (cut) figure.append(html('p', 'muted', 'Earlier values beyond the axis are drawn at its edge.'));
    if (note) figure.append(html('p', 'muted', note));
    return figure;
  }

  function legendItem(swatchClass, text) {
    const item = html('li');
    item.append(html('span', `swatch ${swatchClass}`), document.createTextNode(text));
    return item;
  }

  return { lineChart };
})();
