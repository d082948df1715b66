// The ProgressiveDelivery dashboard: pages Rollouts, Rollout and Flags over the admin JSON API (relative URLs, same
// origin), re-rendered by polling. Text reaches the page only as text nodes (textContent), never as HTML.
'use strict';
(() => {
  const REFRESH_MS = 2000;
  const main = document.getElementById('main');
  const refreshStatus = document.getElementById('refresh-status');
  const dialog = document.getElementById('command-dialog');
  const reasonBox = document.getElementById('command-reason');
  const fullBox = document.getElementById('command-full');
  const commandError = document.getElementById('command-error');
  let pending = null; // { id, command }
  let rendering = false;
  let renderAgain = false; // a render asked for while one runs (navigation, a command): run once more after it
  let lastRoute = '';

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function getJson(path) {
    const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  }

  function route() {
    const hash = location.hash || '#/rollouts';
    const match = /^#\/rollouts\/(.+)$/.exec(hash);
    if (match) {
      try {
        return { page: 'rollout', id: decodeURIComponent(match[1]) };
      } catch {
        return { page: 'rollouts' }; // a malformed escape typed into the address
      }
    }
    return { page: hash === '#/flags' ? 'flags' : 'rollouts' };
  }

  const pct = v => (Number.isFinite(v) ? `${+(v).toFixed(v !== 0 && Math.abs(v) < 1 ? 3 : 1)}%` : '–');
  const when = s => (s ? new Date(s).toLocaleString() : '–');
  function duration(fromIso, toIso) {
    if (!fromIso) return '–';
    let s = Math.max(0, Math.round((new Date(toIso) - new Date(fromIso)) / 1000));
    const h = Math.floor(s / 3600); s -= h * 3600; const m = Math.floor(s / 60); s -= m * 60;
    return h ? `${h} h ${m} min` : m ? `${m} min ${s} s` : `${s} s`;
  }
  const statusCell = status => el('span', { class: `status status-${status}` }, status.replace('_', ' '));

  async function renderRollouts() {
    const data = await getJson('rollouts');
    const rows = data.rollouts.map(r => el('tr', {},
      el('td', {}, el('a', { href: `#/rollouts/${encodeURIComponent(r.id)}` }, r.id)),
      el('td', {}, r.flag),
      el('td', {}, statusCell(r.status), r.pauseReason ? el('div', { class: 'muted' }, r.pauseReason) : null),
      el('td', { class: 'num' }, `${Math.min(r.stepIndex + 1, r.stepCount)} / ${r.stepCount}`),
      el('td', { class: 'num' }, pct(r.weightPercent)),
      el('td', {}, r.decision ?? '–'),
      el('td', { class: 'num' }, duration(r.stepStartedAt, r.timestamp))));
    return [el('h1', {}, 'Rollouts'),
      rows.length === 0 ? el('p', { class: 'muted' }, 'No rollouts are defined.') :
        el('table', {}, el('caption', {}, `${rows.length} rollout(s); refreshed every ${REFRESH_MS / 1000} s`),
          el('thead', {}, el('tr', {}, ['Rollout', 'Flag', 'Status', 'Step', 'Canary weight', 'Last decision', 'Time in step'].map(h => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, rows))];
  }

  async function renderRollout(id) {
    const base = `rollouts/${encodeURIComponent(id)}`;
    const [r, history, audit] = await Promise.all([getJson(base), getJson(`${base}/history`), getJson(`${base}/audit`)]);
    const health = r.verdict && r.verdict.health;
    const dl = el('dl', { class: 'facts' });
    for (const [term, value] of [
      ['Flag', r.flag], ['Variants', `${r.stableVariant} (stable) → ${r.canaryVariant} (canary)`], ['Status', statusCell(r.status)],
      ['Step', `${Math.min(r.stepIndex + 1, r.stepCount)} of ${r.stepCount}: ${r.currentStep ?? '–'}`],
      ['Canary weight', pct(r.weightPercent)], ['Attempt', r.attempt], ['Time in step', duration(r.stepStartedAt, r.timestamp)],
      ['Pause reason', r.pauseReason ?? '–'],
      ['Last decision', r.verdict ? `${r.verdict.decision}: ${r.verdict.message ?? r.verdict.reason}` : '–'],
      ['Assignment health (SRM)', health ? `${health.sampleRatioMismatch ? 'mismatch' : 'healthy'}; sequential p = ${health.srmSequentialPValue ?? '–'}` : '–'],
      ['Last error', r.lastError ?? '–'], ['Notice', r.notice ?? '–']]) {
      dl.append(el('dt', {}, term), el('dd', {}, value));
    }
    const commands = el('div', { class: 'commands', role: 'group', 'aria-label': 'Commands' },
      ['promote', 'pause', 'resume', 'abort', 'retry'].map(c => el('button', {
        type: 'button', id: `command-${c}`, class: c === 'abort' ? 'danger' : null,
        onclick: () => openCommand(r.id, c),
      }, c[0].toUpperCase() + c.slice(1) + '…')));
    return [el('p', {}, el('a', { href: '#/rollouts' }, '← All rollouts')), el('h1', {}, `Rollout ${r.id}`), dl, commands,
      el('h2', {}, 'Over time'), el('div', { class: 'charts' }, charts(history.points)),
      el('h2', {}, 'Audit log'), auditTable(audit.entries)];
  }

  function charts(points) {
    const t = p => new Date(p.timestamp).getTime();
    const looks = points.filter(p => p.arms);
    const arm = (name, field, scale) => looks.filter(p => Number.isFinite(p.arms[name][field])).map(p => [t(p), p.arms[name][field] * scale]);
    const list = [PdCharts.lineChart({ title: 'Canary weight', unit: '%', yMin: 0, yMax: 100, format: v => `${v}`,
      series: [{ name: 'canary weight', step: true, points: points.map(p => [t(p), p.weightPercent]) }] })];
    list.push(PdCharts.lineChart({ title: 'Error rate', unit: '%', yMin: 0, format: v => v.toPrecision(2),
      series: [{ name: 'baseline', points: arm('baseline', 'errorRate', 100) }, { name: 'canary', points: arm('canary', 'errorRate', 100) }] }));
    if (looks.some(p => Number.isFinite(p.arms.canary.latencyP50Seconds))) {
      list.push(PdCharts.lineChart({ title: 'Latency', unit: 'ms', yMin: 0, format: v => v.toPrecision(3),
        series: [{ name: 'baseline p50', points: arm('baseline', 'latencyP50Seconds', 1000) }, { name: 'canary p50', points: arm('canary', 'latencyP50Seconds', 1000) },
          { name: 'baseline p95', dashed: true, points: arm('baseline', 'latencyP95Seconds', 1000) }, { name: 'canary p95', dashed: true, points: arm('canary', 'latencyP95Seconds', 1000) }] }));
    }
    const names = [...new Set(looks.flatMap(p => (p.metrics || []).map(m => m.name)))];
    for (const name of names) {
      const rows = looks.map(p => [t(p), (p.metrics || []).find(m => m.name === name)]).filter(([, m]) => m);
      const last = rows[rows.length - 1][1];
      const unit = last.scale === 'log_ratio' ? 'log ratio, canary / baseline' : 'difference, canary − baseline';
      list.push(PdCharts.lineChart({ title: `Effect on ${name}`, unit, format: v => v.toPrecision(2), focus: 0.75,
        series: [{ name: 'estimate', points: rows.filter(([, m]) => Number.isFinite(m.effect)).map(([x, m]) => [x, m.effect]) }],
        bands: [{ name: 'anytime-valid interval', points: rows.filter(([, m]) => Number.isFinite(m.lower) && Number.isFinite(m.upper)).map(([x, m]) => [x, m.lower, m.upper]) }],
        lines: [{ name: 'no effect', value: 0, kind: 'zero' }, { name: 'tolerance', value: last.tolerance, kind: 'tolerance' }],
        note: `Latest: ${resultText(last.result)}. It fails when the whole interval lies beyond no effect on the bad side, and passes when it lies within the tolerance line.` }));
    }
    list.push(PdCharts.lineChart({ title: 'Assignment health: SRM p-value', unit: 'p', yMin: 0, yMax: 1, format: v => v.toFixed(2),
      series: [{ name: 'sequential SRM p-value', points: looks.filter(p => Number.isFinite(p.srmPValue)).map(p => [t(p), p.srmPValue]) }] }));
    return list;
  }

  function resultText(result) {
    switch (result) {
      case 'Pass': return 'pass (within the tolerance)';
      case 'FailHigher': return 'fail (proven higher than the baseline)';
      case 'FailLower': return 'fail (proven lower than the baseline)';
      case 'Inconclusive': return 'not decided yet';
      case 'NoData': return 'no data in an arm yet';
      default: return String(result);
    }
  }

  function auditTable(entries) {
    if (entries.length === 0) return el('p', { class: 'muted' }, 'No audit entries yet.');
    return el('table', { id: 'audit' }, el('caption', {}, `${entries.length} entries, newest first`),
      el('thead', {}, el('tr', {}, ['#', 'Time', 'Actor', 'Action', 'Reason', 'Before → after'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, entries.slice().reverse().map(e => el('tr', {},
        el('td', { class: 'num' }, e.sequence), el('td', {}, when(e.timestamp)), el('td', {}, e.actor), el('td', {}, e.action),
        el('td', { class: 'reason' }, e.reason), el('td', {}, `${e.before} → ${e.after}`)))));
  }

  // What the server says of a flag's staleness, in words: stale (why), or since when it serves one variant.
  function staleness(s, staleAfterDays) {
    if (!s) return el('span', { class: 'muted' }, '–');
    const parts = [];
    if (s.reasons.includes('expired')) parts.push(el('span', { class: 'tag stale' }, 'stale: expired'));
    const served = s.variant == null ? "the caller's default" : `'${s.variant}'`;
    const days = s.days ?? 0; // the server's clock decides, not the browser's
    const origin = s.sinceSource === 'rollout' ? `since rollout ${s.rollout} ended` : 'as recorded';
    if (s.reasons.includes('single_variant')) {
      parts.push(el('span', { class: 'tag stale' }, 'stale: one variant'),
        el('div', { class: 'muted' }, `serves ${served} to everyone for ${days.toFixed(1)} days ${origin} (stale after ${staleAfterDays} days)`));
    } else if (s.singleVariant && s.since) {
      parts.push(el('div', { class: 'muted' }, `serves ${served} to everyone for ${days.toFixed(1)} days ${origin}; stale after ${staleAfterDays} days`));
    } else if (s.singleVariant) {
      parts.push(el('div', { class: 'muted' }, `serves ${served} to everyone while rollout ${s.rollout} waits`));
    }

    return parts.length ? parts : el('span', { class: 'muted' }, 'in use');
  }

  async function renderFlags() {
    const data = await getJson('flags');
    const flags = (data.definitions && data.definitions.flags) || {};
    const overrides = data.splitOverrides || {};
    const stale = (data.staleness && data.staleness.flags) || {};
    const staleAfterDays = data.staleness ? data.staleness.singleVariantStaleAfterDays : 7;
    const rows = Object.keys(flags).sort().map(key => {
      const f = flags[key];
      const variants = Object.entries(f.variants || {}).map(([name, value]) => el('span', { class: 'tag' }, `${name} = ${JSON.stringify(value)}`));
      const split = f.defaultSplit ? Object.entries(f.defaultSplit).map(([v, w]) => `${v} ${w}%`).join(', ') : null;
      const rules = (f.rules || []).map((rule, i) => el('div', { class: 'mono' }, `${rule.name ?? `rule ${i + 1}`}: ${(rule.conditions || []).map(c => `${c.attribute ?? c.segment ?? ''} ${c.operator ?? ''} ${JSON.stringify(c.values ?? c.value ?? '')}`).join(' and ') || 'always'} → ${rule.variant ?? (rule.split ? Object.entries(rule.split).map(([v, w]) => `${v} ${w}%`).join(', ') : '?')}`));
      const o = overrides[key];
      return el('tr', { id: `flag-${key}`, class: stale[key] && stale[key].stale ? 'stale-row' : null },
        el('td', {}, el('strong', {}, key), f.description ? el('div', { class: 'muted description' }, f.description) : null),
        el('td', {}, f.enabled === false ? 'off' : (f.kind ?? 'release')),
        el('td', {}, variants),
        el('td', {}, o ? `rollout: ${o.canaryVariant} ${o.canaryPercent}%, ${o.stableVariant} ${100 - o.canaryPercent}%` : (split ?? `all → ${f.defaultVariant ?? '–'}`)),
        el('td', {}, rules.length ? rules : el('span', { class: 'muted' }, 'none')),
        el('td', {}, f.owner ?? '–'),
        el('td', {}, f.expires ?? '–'),
        el('td', { class: 'staleness' }, staleness(stale[key], staleAfterDays)));
    });
    // Flags served but not in the flags document (Microsoft.FeatureManagement configuration read as flags): what the
    // server knows of them is their staleness.
    for (const key of Object.keys(stale).filter(k => !(k in flags)).sort()) {
      rows.push(el('tr', { id: `flag-${key}`, class: stale[key].stale ? 'stale-row' : null },
        el('td', {}, el('strong', {}, key), el('div', { class: 'muted description' }, 'not in the flags document (e.g. Microsoft.FeatureManagement configuration)')),
        el('td', {}, '–'), el('td', {}, '–'), el('td', {}, '–'), el('td', {}, '–'), el('td', {}, '–'), el('td', {}, '–'),
        el('td', { class: 'staleness' }, staleness(stale[key], staleAfterDays))));
    }
    const staleKeys = Object.keys(stale).filter(k => stale[k].stale).sort();
    const summary = staleKeys.length === 0
      ? el('p', { id: 'stale-summary', class: 'muted' }, `No stale flags (past their expiry, or one variant to everyone for ${staleAfterDays} days).`)
      : el('p', { id: 'stale-summary' }, el('span', { class: 'tag stale' }, `${staleKeys.length} stale`),
        ` ready to remove from the code: ${staleKeys.join(', ')}.`);
    return [el('h1', {}, 'Flags'), summary, data.definitions === null ? el('p', { class: 'muted' }, 'The application registered its own evaluator: no definitions to show.') :
      el('table', {}, el('caption', {}, `${rows.length} flag(s)`),
        el('thead', {}, el('tr', {}, ['Flag', 'Kind', 'Variants', 'Split', 'Rules', 'Owner', 'Expires', 'Staleness'].map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows))];
  }

  async function render() {
    if (rendering) { renderAgain = true; return; }
    rendering = true;
    const current = route();
    const key = JSON.stringify(current);
    try {
      const nodes = current.page === 'rollout' ? await renderRollout(current.id) : current.page === 'flags' ? await renderFlags() : await renderRollouts();
      const focusedId = document.activeElement && main.contains(document.activeElement) ? document.activeElement.id : null;
      main.replaceChildren(...nodes);
      if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId).focus();
      else if (key !== lastRoute) main.focus();
      lastRoute = key;
      document.title = `${current.page === 'rollout' ? current.id : current.page === 'flags' ? 'Flags' : 'Rollouts'} · Progressive delivery`;
      for (const link of document.querySelectorAll('nav a')) {
        if (link.id === `nav-${current.page === 'flags' ? 'flags' : 'rollouts'}`) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
      refreshStatus.textContent = `Updated ${new Date().toLocaleTimeString()}`;
      performance.mark('pd-rendered', { detail: current.page }); // for measuring: the first one is the first paint of data
    } catch (error) {
      refreshStatus.textContent = `Refresh failed: ${error.message}`;
      if (key !== lastRoute) main.replaceChildren(el('p', { class: 'error' }, error.message));
    } finally {
      rendering = false;
      if (renderAgain) { renderAgain = false; render(); }
    }
  }

  function openCommand(id, command) {
    pending = { id, command };
    document.getElementById('command-title').textContent = `${command[0].toUpperCase()}${command.slice(1)} rollout ${id}`;
    reasonBox.value = '';
    fullBox.checked = false;
    document.getElementById('command-full-label').hidden = command !== 'promote';
    commandError.textContent = '';
    dialog.showModal();
    reasonBox.focus();
  }

  async function confirmCommand() {
    const reason = reasonBox.value.trim();
    if (!reason) { commandError.textContent = 'A reason is required.'; reasonBox.focus(); return; }
    const body = pending.command === 'promote' ? { reason, full: fullBox.checked } : { reason };
    confirmButton.disabled = true; // a second click must not send the command again (promote would move two steps)
    try {
      const response = await fetch(`rollouts/${encodeURIComponent(pending.id)}/${pending.command}`, {
        method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        commandError.textContent = `${response.status} ${problem.title ?? ''}: ${problem.detail ?? ''}`;
        return;
      }
    } finally {
      confirmButton.disabled = false;
    }
    dialog.close();
    await render();
  }

  const confirmButton = document.getElementById('command-confirm');

  confirmButton.addEventListener('click', () => { confirmCommand().catch(e => { commandError.textContent = e.message; }); });
  document.getElementById('command-cancel').addEventListener('click', () => dialog.close());
  window.addEventListener('hashchange', render);
  setInterval(() => { if (!document.hidden && !dialog.open) render(); }, REFRESH_MS);
  render();
})();
