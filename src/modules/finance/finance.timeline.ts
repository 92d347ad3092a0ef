import type { Ctx } from '../../core/ctx.js'
import { formatMoney } from '../../core/i18n/format.js'
import type { TimelineEvent } from '../../core/module.js'

/**
 * The client card's finance events, newest first: every ledger entry (charges, money received,
 * reversals), each payment request issued, and each step of a statement of account. One bounded
 * query per kind; the card merges modules and pages by time.
 */
export async function financeTimeline(
  ctx: Ctx,
  clientId: string,
  opts: { before?: string; limit: number },
): Promise<TimelineEvent[]> {
  if (!(ctx.can('finance.read') || ctx.can('finance.client'))) return []
  const t = ctx.services.catalog.translator(ctx.locale)
  const before = opts.before ?? '9999'
  const staff = ctx.actor?.role !== 'client'
  const [entries, requests, steps] = await Promise.all([
    ctx.db
      .selectFrom('ledger_entries')
      .leftJoin('users', 'users.id', 'ledger_entries.created_by')
      .select([
        'ledger_entries.created_at',
        'ledger_entries.kind',
        'ledger_entries.amount_minor',
        'ledger_entries.currency',
        'ledger_entries.description',
        'ledger_entries.entry_date',
        'users.name as who',
      ])
      .where('ledger_entries.client_id', '=', clientId)
      .where('ledger_entries.created_at', '<', before)
      .orderBy('ledger_entries.created_at', 'desc')
      .limit(opts.limit)
      .execute(),
    ctx.db
      .selectFrom('invoices')
      .select(['invoices.id', 'invoices.issued_at', 'invoices.number', 'invoices.total_minor', 'invoices.currency'])
      .where('invoices.client_id', '=', clientId)
      .where('invoices.issued_at', 'is not', null)
      .where('invoices.issued_at', '<', before)
      .orderBy('invoices.issued_at', 'desc')
      .limit(opts.limit)
      .execute(),
    ctx.db
      .selectFrom('reconciliation_events')
      .innerJoin('reconciliations', 'reconciliations.id', 'reconciliation_events.reconciliation_id')
      .select([
        'reconciliation_events.at',
        'reconciliation_events.action',
        'reconciliation_events.version',
        'reconciliation_events.actor_name',
        'reconciliations.id',
        'reconciliations.number',
      ])
      .where('reconciliation_events.client_id', '=', clientId)
      .where('reconciliation_events.at', '<', before)
      .orderBy('reconciliation_events.at', 'desc')
      .limit(opts.limit)
      .execute(),
  ])
  const ledgerHref = staff ? `/finance/clients/${encodeURIComponent(clientId)}/ledger` : '/finance/ledger'
  const events: TimelineEvent[] = [
    ...entries.map((e) => ({
      at: e.created_at,
      module: 'finance',
      title: `${t(`finance.kind.${e.kind}`)} · ${formatMoney(ctx.locale, Number(e.amount_minor), e.currency)}`,
      detail: e.description || undefined,
      href: ledgerHref,
      who: e.who ?? undefined,
    })),
    ...requests.map((r) => ({
      at: r.issued_at as string,
      module: 'finance',
      title: t('finance.timeline.request_issued', {
        number: r.number ?? '',
        total: formatMoney(ctx.locale, Number(r.total_minor), r.currency),
      }),
      href: `/finance/invoices/${encodeURIComponent(r.id)}`,
    })),
    ...steps.map((s) => ({
      at: s.at,
      module: 'finance',
      title: `${s.number}: ${t(`finance.reconciliation.event.${s.action}`, { version: Number(s.version) })}`,
      href: `/finance/reconciliations/${encodeURIComponent(s.id)}`,
      who: s.actor_name ?? undefined,
    })),
  ]
  return events.sort((a, b) => b.at.localeCompare(a.at)).slice(0, opts.limit)
}
