// Parley QA console: search, transcripts, reveal, scoring, comments, queue and results.
// No build step, no dependencies. Server text only ever reaches the page through textContent.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const filters = $('qa-filters');
  if (!filters) {
    return;
  }
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  let page = 1;
  let current = null;
  let agentNames = {};
  let maxExport = 1000;

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

  function option(select, value, label) {
    const o = el('option', label === undefined ? value : label);
    o.value = value;
    select.appendChild(o);
  }

  function showError(message) {
    $('qa-error').textContent = message || '';
  }

  async function call(method, path, body) {
    const init = {method, credentials: 'same-origin', headers: {'Accept': 'application/json'}};
    if (method !== 'GET') {
      init.headers['X-CSRF-Token'] = csrf;
    }
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(typeof data.message === 'string' ? data.message
          : 'The request failed (' + response.status + ').');
    }
    return data;
  }

  function query(extra) {
    const params = new URLSearchParams();
    for (const field of filters.elements) {
      if (field.name && field.value) {
        params.set(field.name, field.value);
      }
    }
    Object.entries(extra || {}).forEach(([k, v]) => params.set(k, v));
    return params.toString();
  }

  async function loadOptions() {
    const options = await call('GET', '/qa/api/options');
    const client = $('qa-client');
    options.clients.forEach((id) => option(client, id));
    client.value = options.clientId;
    option($('qa-outcome'), '', 'any');
    options.outcomes.forEach((o) => option($('qa-outcome'), o, o.replace(/_/g, ' ')));
    option($('qa-flag'), '', 'any or none');
    option($('qa-flag'), 'any', 'any flag');
    options.flags.forEach((f) => option($('qa-flag'), f, f.replace(/_/g, ' ')));
    const sortNames = {newest: 'newest first', oldest: 'oldest first',
      score: 'lowest score first', '-score': 'highest score first', flags: 'most flags first'};
    options.sorts.forEach((s) => option($('qa-sort'), s, sortNames[s] || s));
    option($('qa-agent'), '', 'any');
    options.agents.forEach((a) => option($('qa-agent'), a.id, a.name));
    agentNames = Object.fromEntries(options.agents.map((a) => [a.id, a.name]));
    maxExport = options.maxExport;
    $('qa-week').value = options.week;
  }

  async function search() {
    showError('');
    const data = await call('GET', '/qa/api/conversations?' + query({page}));
    $('qa-total').textContent = data.total + (data.total === 1 ? ' conversation' : ' conversations')
        + ' started from ' + data.from + ' to ' + data.to;
    const body = $('qa-results').querySelector('tbody');
    body.replaceChildren();
    data.conversations.forEach((c) => {
      const row = el('tr');
      row.dataset.id = c.id;
      [c.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ''), c.channel, c.language,
        c.flows.join(', '), c.outcomes.join(', ') || '—', c.flags.join(', ') || '—',
        c.score === undefined ? 'not reviewed' : c.score + (c.criticalFailed ? ' (critical)' : '')]
          .forEach((v) => row.appendChild(el('td', v)));
      const open = el('button', 'Open');
      open.type = 'button';
      open.className = 'qa-open';
      open.addEventListener('click', () => openTranscript(c.id).catch((e) => showError(e.message)));
      const cell = el('td');
      cell.appendChild(open);
      row.appendChild(cell);
      body.appendChild(row);
    });
    const pages = Math.max(1, Math.ceil(data.total / data.size));
    $('qa-page').textContent = 'Page ' + data.page + ' of ' + pages;
    $('qa-prev').disabled = data.page <= 1;
    $('qa-next').disabled = data.page >= pages;
    const link = $('qa-export-csv');
    if (data.total > maxExport) {
      // The server refuses more: say why here rather than fail silently in a download.
      link.removeAttribute('href');
      link.setAttribute('aria-disabled', 'true');
      link.title = data.total + ' conversations match; export at most ' + maxExport
          + ' at a time by narrowing the dates or filters';
    } else {
      link.href = '/qa/api/export.csv?' + query();
      link.removeAttribute('aria-disabled');
      link.title = '';
    }
  }

  function segments(container, message, conversationId) {
    message.segments.forEach((s) => {
      if (s.text !== undefined) {
        container.appendChild(document.createTextNode(s.text));
        return;
      }
      const button = el('button', '[' + s.masked.replace(/_/g, ' ') + ' hidden · reveal]', 'masked');
      button.type = 'button';
      button.dataset.ref = s.ref;
      button.addEventListener('click', () => reveal(conversationId, s.ref, button));
      container.appendChild(button);
    });
  }

  async function reveal(conversationId, ref, button) {
    try {
      const data = await call('POST', '/qa/api/conversations/' + encodeURIComponent(conversationId)
          + '/reveal', {ref});
      const shown = el('span', data.text, 'revealed');
      shown.dataset.ref = ref;
      button.replaceWith(shown);
    } catch (e) {
      showError(e.message);
    }
  }

  function noteText(note) {
    const parts = ['bot read: ' + (note.intent || 'no intent')
        + (note.confidence === undefined ? '' : ' (' + note.confidence.toFixed(2) + ')')];
    if (note.outcome) {
      parts.push('outcome ' + note.outcome);
    }
    if (note.entities.length) {
      parts.push('entities ' + note.entities.join(', '));
    }
    parts.push('step ' + note.flow + '.' + note.step, 'language ' + note.language,
        note.verified ? 'verified' : 'not verified');
    if (!note.understood) {
      parts.push('not understood');
    }
    if (note.gate && note.gate !== 'pass') {
      parts.push('gate ' + note.gate);
    }
    if (note.cardMasked) {
      parts.push('card number masked');
    }
    return parts.join(' · ');
  }

  function renderTranscript(data) {
    current = data;
    const c = data.conversation;
    const facts = $('qa-facts');
    facts.replaceChildren();
    const fact = (name, value) => {
      facts.appendChild(el('dt', name));
      const dd = el('dd');
      if (value instanceof Node) {
        dd.appendChild(value);
      } else {
        dd.textContent = value;
      }
      facts.appendChild(dd);
      return dd;
    };
    fact('Conversation', c.id).id = 'qa-conversation-id';
    fact('Channel', c.channel);
    if (c.address) {
      const holder = el('span');
      segments(holder, {segments: [c.address]}, c.id);
      fact('Patient address', holder);
    }
    fact('Language', data.summary.language);
    fact('Outcomes', data.summary.outcomes.join(', ') || 'none');
    fact('Flags', data.summary.flags.map((f) => f.code + ' at #' + f.seq).join(', ') || 'none')
        .id = 'qa-flags';
    fact('Agents', data.summary.agents.map((a) => agentNames[a] || a).join(', ') || 'none');
    fact('Score', data.review.score === undefined ? 'not reviewed'
        : data.review.score + '%' + (data.review.criticalFailed ? ' (critical item failed)' : ''))
        .id = 'qa-score';

    const flagged = new Set(data.summary.flags.map((f) => f.seq));
    const list = $('qa-timeline');
    list.replaceChildren();
    const seqSelect = $('qa-comment-seq');
    seqSelect.replaceChildren();
    data.items.forEach((item) => {
      const li = el('li');
      if (item.type === 'message') {
        li.className = 'message from-' + item.from + (flagged.has(item.seq) ? ' flagged' : '');
        li.dataset.seq = item.seq;
        li.appendChild(el('span', '#' + item.seq + ' ' + item.from
            + (item.agentId ? ' ' + (agentNames[item.agentId] || item.agentId) : '') + ' · '
            + item.at
            + (item.delivery ? ' · ' + item.delivery : ''), 'meta'));
        const text = el('p', null, 'text');
        segments(text, item, c.id);
        li.appendChild(text);
        if (item.note) {
          li.appendChild(el('p', noteText(item.note), 'note'));
        }
        data.review.comments.filter((m) => m.seq === item.seq)
            .forEach((m) => li.appendChild(el('p', 'Comment: ' + m.text, 'comment')));
        option(seqSelect, item.seq, '#' + item.seq + ' ' + item.from);
      } else {
        li.className = 'event';
        const details = Object.entries(item.details).map(([k, v]) => k + ': ' + v).join(', ');
        li.appendChild(el('span', item.at, 'meta'));
        li.appendChild(el('span', item.kind.replace(/_/g, ' ') + ' · ' + item.actor
            + (details ? ' · ' + details : '')));
      }
      list.appendChild(li);
    });

    const items = $('qa-items');
    items.replaceChildren();
    data.scorecard.items.forEach((item) => {
      const set = el('fieldset', null, item.critical ? 'critical' : '');
      set.appendChild(el('legend', item.label + ' (' + item.weight + ')'));
      [['yes', 'Yes'], ['no', 'No'], ['not_applicable', 'Not applicable']].forEach(([v, label]) => {
        const input = el('input');
        input.type = 'radio';
        input.name = 'item-' + item.id;
        input.value = v;
        input.id = 'qa-item-' + item.id + '-' + v;
        input.checked = data.review.answers[item.id] === v;
        const l = el('label', ' ' + label);
        l.prepend(input);
        set.appendChild(l);
      });
      items.appendChild(set);
    });
    $('qa-score-result').textContent = '';
    $('qa-export-json').href = '/qa/api/conversations/' + encodeURIComponent(c.id)
        + '/export.json';
    $('qa-print').href = '/qa/print/' + encodeURIComponent(c.id);
    $('qa-transcript').hidden = false;
  }

  async function openTranscript(id) {
    showError('');
    renderTranscript(await call('GET', '/qa/api/conversations/' + encodeURIComponent(id)));
    $('qa-transcript').scrollIntoView();
  }

  async function saveScore() {
    const answers = {};
    current.scorecard.items.forEach((item) => {
      const checked = document.querySelector('input[name="item-' + item.id + '"]:checked');
      if (checked) {
        answers[item.id] = checked.value;
      }
    });
    const review = await call('PUT', '/qa/api/conversations/'
        + encodeURIComponent(current.conversation.id) + '/review',
        {answers, version: current.review.version});
    current.review = review;
    const text = 'Scored ' + review.score + '%' + (review.criticalFailed
        ? ': a critical item failed, so the review fails' : '');
    $('qa-score').textContent = review.score + '%'
        + (review.criticalFailed ? ' (critical item failed)' : '');
    $('qa-score-result').textContent = text;
    const row = $('qa-results').querySelector('tr[data-id="'
        + CSS.escape(current.conversation.id) + '"]');
    if (row) {
      row.children[6].textContent = review.score + (review.criticalFailed ? ' (critical)' : '');
    }
  }

  async function addComment() {
    const text = $('qa-comment-text').value;
    const seq = Number($('qa-comment-seq').value);
    const review = await call('POST', '/qa/api/conversations/'
        + encodeURIComponent(current.conversation.id) + '/comments', {seq, text});
    current.review = review;
    $('qa-comment-text').value = '';
    const li = $('qa-timeline').querySelector('li[data-seq="' + seq + '"]');
    const last = review.comments[review.comments.length - 1];
    if (li && last) {
      li.appendChild(el('p', 'Comment: ' + last.text, 'comment'));
    }
  }

  function renderQueue(data) {
    const list = $('qa-queue');
    list.replaceChildren();
    data.entries.forEach((e) => {
      const li = el('li', e.reason + ' · ' + e.group + ' · ' + (e.conversation.startedAt || '')
          + ' · ' + ((e.conversation.flags || []).join(', ') || 'no flags') + ' ');
      const open = el('button', 'Open');
      open.type = 'button';
      open.addEventListener('click', () => openTranscript(e.conversation.id)
          .catch((x) => showError(x.message)));
      li.appendChild(open);
      list.appendChild(li);
    });
    if (!data.entries.length) {
      list.appendChild(el('li', 'Nothing queued for ' + data.week + '.'));
    }
  }

  async function rollups() {
    const data = await call('GET', '/qa/api/rollups?' + query({by: $('qa-by').value}));
    const body = $('qa-rollups').querySelector('tbody');
    body.replaceChildren();
    data.groups.forEach((g) => {
      const row = el('tr');
      [g.name || g.key, g.conversations, g.reviewed, g.averageScore || '—', g.criticalFailed]
          .forEach((v) => row.appendChild(el('td', v)));
      body.appendChild(row);
    });
  }

  const guard = (work) => (event) => {
    if (event) {
      event.preventDefault();
    }
    work().catch((e) => showError(e.message));
  };

  filters.addEventListener('submit', guard(() => {
    page = 1;
    return search();
  }));
  $('qa-prev').addEventListener('click', guard(() => {
    page -= 1;
    return search();
  }));
  $('qa-next').addEventListener('click', guard(() => {
    page += 1;
    return search();
  }));
  $('qa-scorecard').addEventListener('submit', guard(saveScore));
  $('qa-comment-form').addEventListener('submit', guard(addComment));
  $('qa-queue-form').addEventListener('submit', guard(async () => renderQueue(await call('GET',
      '/qa/api/queue?' + new URLSearchParams({clientId: $('qa-client').value,
        week: $('qa-week').value})))));
  $('qa-queue-fill').addEventListener('click', guard(async () => renderQueue(await call('POST',
      '/qa/api/queue', {clientId: $('qa-client').value, week: $('qa-week').value}))));
  $('qa-rollups-form').addEventListener('submit', guard(rollups));
  $('qa-export-csv').addEventListener('click', (event) => {
    const link = $('qa-export-csv');
    if (link.getAttribute('aria-disabled') === 'true') {
      event.preventDefault();
      showError(link.title);
    }
  });

  loadOptions().then(search).catch((e) => showError(e.message));
})();
