// Parley campaigns page: each client's campaigns and one campaign's results per step, drawn
// as SVG bars. No build step, no dependencies. Server text reaches the page only through
// textContent.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';
  const clientSelect = $('cmp-client');
  if (!clientSelect) {
    return;
  }
  // Waiting: members the step has not dealt with yet; queued: said, not yet at Twilio.
  const SERIES = [
    ['waiting', 'Waiting'], ['queued', 'Queued'], ['sent', 'Sent'],
    ['delivered', 'Delivered'], ['replied', 'Replied'], ['converted', 'Converted'],
  ];

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text !== undefined) {
      node.textContent = String(text);
    }
    return node;
  }

  async function get(path) {
    const res = await fetch(path, { credentials: 'same-origin' });
    const body = await res.json();
    if (!res.ok) {
      throw new Error(body.message || ('HTTP ' + res.status));
    }
    return body;
  }

  function status(text) {
    $('cmp-status').textContent = text;
  }

  function converted(step) {
    return step.paid + step.planCreated + step.assistanceRequested;
  }

  function value(step, key) {
    return key === 'converted' ? converted(step) : step[key];
  }

  async function loadClients() {
    const body = await get('/campaigns/api/clients');
    body.clients.forEach((c) => {
      const o = el('option', c.name);
      o.value = c.id;
      clientSelect.appendChild(o);
    });
    if (body.clients.length === 0) {
      status('You serve no client.');
      return;
    }
    await loadCampaigns();
  }

  async function loadCampaigns() {
    const clientId = clientSelect.value;
    const body = await get('/campaigns/api/clients/' + encodeURIComponent(clientId)
      + '/campaigns');
    const tbody = $('cmp-list').querySelector('tbody');
    tbody.replaceChildren();
    body.campaigns.forEach((c) => {
      const row = el('tr');
      row.dataset.id = c.id;
      row.appendChild(el('td', c.name, 'cmp-name'));
      row.appendChild(el('td', c.state, 'cmp-state'));
      row.appendChild(el('td', c.start));
      row.appendChild(el('td', c.end));
      row.appendChild(el('td', c.members, 'num'));
      const cell = el('td');
      const open = el('button', 'Results', 'cmp-open');
      open.type = 'button';
      open.addEventListener('click', () => showResults(clientId, c.id).catch(
        (e) => status(e.message)));
      cell.appendChild(open);
      row.appendChild(cell);
      tbody.appendChild(row);
    });
    status(body.campaigns.length === 1 ? '1 campaign' : body.campaigns.length + ' campaigns');
  }

  async function showResults(clientId, id) {
    const r = await get('/campaigns/api/clients/' + encodeURIComponent(clientId)
      + '/campaigns/' + encodeURIComponent(id) + '/results');
    $('cmp-results').hidden = false;
    $('cmp-results').dataset.id = r.campaignId;
    $('cmp-name').textContent = r.name;
    const t = r.totals;
    const stopped = Object.values(r.stopped).reduce((a, b) => a + b, 0);
    $('cmp-summary').textContent = r.members + ' members, ' + stopped + ' stopped, '
      + t.waiting + ' waiting, ' + t.queued + ' queued, ' + t.sent + ' sent, '
      + t.delivered + ' delivered, ' + t.replied + ' replied, ' + t.paid + ' paid, '
      + t.planCreated + ' plans, ' + t.assistanceRequested + ' assistance requests';
    chart(r.name, r.steps);
    legend();
    table(r.steps);
  }

  // What the bars show, said in words for a screen reader: the campaign, then each step.
  function chartLabel(name, steps) {
    return 'Results of ' + name + ': ' + steps.map((s) => 'step ' + s.step + ' (day ' + s.day
      + ') ' + SERIES.map(([key, label]) => label.toLowerCase() + ' ' + value(s, key))
      .join(', ')).join('; ');
  }

  function chart(name, steps) {
    const max = Math.max(1, ...steps.flatMap((s) => SERIES.map(([key]) => value(s, key))));
    const barWidth = 22;
    const groupWidth = SERIES.length * barWidth + 30;
    const height = 180;
    const top = 20;
    const width = Math.max(300, steps.length * groupWidth + 40);
    const root = svg('svg', { viewBox: '0 0 ' + width + ' ' + (height + top + 40),
      width, height: height + top + 40, role: 'img', id: 'cmp-svg',
      'aria-label': chartLabel(name, steps) });
    root.appendChild(svg('title', {}, SERIES.map(([, label]) => label).join(', ')
      + ' per step'));
    steps.forEach((s, i) => {
      const x0 = 30 + i * groupWidth;
      SERIES.forEach(([key, label], j) => {
        const v = value(s, key);
        const h = Math.round(v / max * height);
        const x = x0 + j * barWidth;
        const bar = svg('rect', { x, y: top + height - h, width: barWidth - 4, height: h,
          class: 'cmp-bar cmp-bar-' + key, 'data-step': s.step, 'data-series': key,
          'data-value': v });
        bar.appendChild(svg('title', {}, 'Step ' + s.step + ': ' + label + ' ' + v));
        root.appendChild(bar);
        root.appendChild(svg('text', { x: x + (barWidth - 4) / 2, y: top + height - h - 4,
          'text-anchor': 'middle', 'font-size': 11, class: 'cmp-value',
          'data-step': s.step, 'data-series': key }, v));
      });
      root.appendChild(svg('text', { x: x0 + (SERIES.length * barWidth) / 2,
        y: top + height + 18, 'text-anchor': 'middle', 'font-size': 12 },
      'Step ' + s.step + ' (day ' + s.day + ')'));
    });
    root.appendChild(svg('line', { x1: 25, y1: top + height, x2: width - 5, y2: top + height,
      stroke: '#999' }));
    $('cmp-chart').replaceChildren(root);
  }

  function legend() {
    const box = $('cmp-legend');
    box.replaceChildren();
    SERIES.forEach(([key, label]) => {
      const item = el('span');
      item.appendChild(el('i', null, 'cmp-bar-' + key));
      item.appendChild(document.createTextNode(label));
      box.appendChild(item);
    });
  }

  function table(steps) {
    const tbody = $('cmp-steps').querySelector('tbody');
    tbody.replaceChildren();
    steps.forEach((s) => {
      const row = el('tr');
      row.dataset.step = s.step;
      row.appendChild(el('td', s.step));
      row.appendChild(el('td', s.day));
      row.appendChild(el('td', s.channel));
      const held = Object.entries(s.holdReasons).map(([r, n]) => r + ' ' + n).join(', ');
      [s.scheduled, s.waiting, s.paused, s.queued, s.held + (held ? ' (' + held + ')' : ''),
        s.sent, s.delivered, s.failed, s.refused, s.suppressed, s.cancelled, s.skipped,
        s.replied, s.optedOut, s.paid, s.planCreated, s.assistanceRequested]
        .forEach((v) => row.appendChild(el('td', v, 'num')));
      tbody.appendChild(row);
    });
  }

  clientSelect.addEventListener('change', () => loadCampaigns().catch((e) => status(e.message)));
  loadClients().catch((e) => status(e.message));
})();
