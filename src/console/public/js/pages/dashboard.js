import { api } from '../api.js';
import { chartCard } from '../charts.js';
import { h, put, stat, table, when } from '../dom.js';
import { currentSession } from '../session.js';
import { words } from '../vocabulary.js';

/* Counts, queue depths and two charts, each with its numbers in a table (charts.js). */

export async function render(main) {
  const stats = await api('/stats');
  const analyst = currentSession().role === 'analyst';
  const leadStatuses = Object.keys(stats.leads.byStatus);
  const reports = chartCard(
    'chart-reports',
    'Reports over time (by month reported)',
    stats.reportsByMonth.map((m) => m.month),
    [{ label: 'Count', values: stats.reportsByMonth.map((m) => m.count) }],
  );
  const leads = chartCard('chart-leads', 'Leads by status', leadStatuses.map(words), [
    { label: 'Count', values: leadStatuses.map((s) => stats.leads.byStatus[s]) },
  ]);
  put(
    main,
    h('h1', null, 'Dashboard'),
    h('p.muted', null, 'As of ', when(stats.at)),
    h(
      'div.cards',
      null,
      stat('Reports', stats.reports.total, analyst ? '#/reports' : undefined),
      stat('Waiting to be processed', stats.reports.byStatus.received + stats.reports.byStatus.processing),
      stat('Failed reports', stats.reports.byStatus.failed),
      stat('Entities', stats.entities.total),
      stat('Possible matches to review', stats.openReviews, analyst ? '#/review' : undefined),
      stat('Leads', stats.leads.total, analyst ? '#/leads' : undefined),
      stat(
        'Leads awaiting approval',
        stats.leads.byStatus.new + stats.leads.byStatus.in_review,
        analyst ? '#/leads?status=new' : undefined,
      ),
      stat('Exports', stats.exports, analyst ? '#/exports' : undefined),
    ),
    h('div.grid', null, reports.section, leads.section),
    h(
      'section.card',
      { 'aria-labelledby': 'queues-title' },
      h('h2#queues-title', null, 'Queues'),
      stats.queues
        ? table(
            null,
            ['Queue', 'Waiting', 'Running', 'Retrying later', 'Failed'],
            stats.queues.map((q) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, q.queue),
                h('td', null, q.waiting),
                h('td', null, q.active),
                h('td', null, q.delayed),
                h('td', null, q.failed),
              ),
            ),
          )
        : h(
            'p.notice.warn',
            null,
            'Redis did not answer: queue depths are unknown. Accepted ' +
              'reports are safe and will be processed when it is back.',
          ),
      currentSession().role === 'admin'
        ? h(
            'p',
            null,
            h('a', { href: '/admin/queues' }, 'Open the queue dashboard'),
            ' (sign in with your admin key as the password).',
          )
        : null,
    ),
    h(
      'section.card',
      null,
      h('h2', null, 'Entities by kind'),
      table(
        null,
        ['Kind', 'Entities'],
        Object.entries(stats.entities.bySchema).map(([k, n]) =>
          h('tr', null, h('th', { scope: 'row' }, k), h('td', null, n)),
        ),
      ),
    ),
  );
  const charts = [reports.draw(), leads.draw()];
  return () => {
    for (const c of charts) c?.destroy();
  };
}
