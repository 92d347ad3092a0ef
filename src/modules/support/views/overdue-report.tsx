import type { FieldErrors } from '../../../core/errors.js'
import { formatNumber, formatPercent } from '../../../core/i18n/format.js'
import { Card, EmptyState, StatCard } from '../../../core/ui/components.js'
import { Field, FormErrors, SelectField } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import { AGE_BUCKETS, REPORT_GROUPS } from '../support.constants.js'
import type { Report, ReportParams, ReportRow } from '../support-report.service.js'
import { durationText, priorityOptions } from './support-bits.js'

export interface OverdueReportProps {
  pc: PageContext
  report: Report | null
  params: ReportParams
  categories: { id: string; name: string }[]
  errors?: FieldErrors
}

const share = (pc: PageContext, met: number, decided: number) =>
  decided === 0 ? '—' : formatPercent(pc.locale, met / decided)
const avg = (pc: PageContext, sum: number, n: number) => (n === 0 ? '—' : durationText(pc, sum / n))

/** Drill-down links into the request list with the row's group and the report's filters. */
function drill(report: Report, row: ReportRow | null, extra: Record<string, string>): string | null {
  const p = new URLSearchParams({ queue: 'all', ...extra })
  if (report.params.categoryId) p.set('category', report.params.categoryId)
  if (report.params.priority) p.set('priority', report.params.priority)
  if (row) {
    const g = report.params.group
    if (g === 'manager') p.set('assignee', row.key ?? 'none')
    else if (row.key === null) return null
    else p.set(g === 'client' ? 'client' : 'category', row.key)
  }
  return `/support?${p.toString()}`
}

function Count({ pc, n, href }: { pc: PageContext; n: number; href: string | null }) {
  const text = formatNumber(pc.locale, n)
  return n > 0 && href ? (
    <a href={href} safe>
      {text}
    </a>
  ) : (
    <span safe>{text}</span>
  )
}

function ReportTable({ pc, report }: { pc: PageContext; report: Report }) {
  const period = { from: report.start, to: report.end, status: 'all' }
  const line = (row: ReportRow, total: boolean) => {
    const target = total ? null : row
    const cells = (
      <>
        <td class="num">
          <Count pc={pc} n={row.openNow} href={drill(report, target, {})} />
        </td>
        <td class="num">
          <Count pc={pc} n={row.overdueNow} href={drill(report, target, { overdue: '1' })} />
        </td>
        {AGE_BUCKETS.map((b) => (
          <td class="num">
            <Count pc={pc} n={row.buckets[b]} href={drill(report, target, { bucket: b })} />
          </td>
        ))}
        <td class="num">
          <Count pc={pc} n={row.created} href={drill(report, target, period)} />
        </td>
        <td class="num">
          <Count pc={pc} n={row.breached} href={drill(report, target, { ...period, breached: '1' })} />
        </td>
        <td class="num" safe>
          {share(pc, row.responseMet + row.resolutionMet, row.responseDecided + row.resolutionDecided)}
        </td>
        <td class="num" safe>
          {avg(pc, row.responseMinutesSum, row.responded)}
        </td>
        <td class="num" safe>
          {avg(pc, row.resolutionMinutesSum, row.resolved)}
        </td>
      </>
    )
    return total ? (
      <tr class="total">
        <th scope="row" safe>
          {pc.t('support.report.total')}
        </th>
        {cells}
      </tr>
    ) : (
      <tr>
        <th scope="row" safe>
          {row.label}
        </th>
        {cells}
      </tr>
    )
  }
  return (
    <div class="table-scroll">
      <table class="data-table">
        <caption class="visually-hidden" safe>
          {pc.t('support.report.title')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {pc.t(`support.report.group.${report.params.group}`)}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('support.report.open_now')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('support.report.overdue_now')}
            </th>
            {AGE_BUCKETS.map((b) => (
              <th scope="col" class="num" safe>
                {pc.t(`support.bucket.${b}`)}
              </th>
            ))}
            <th scope="col" class="num" safe>
              {pc.t('support.report.created')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('support.report.breached')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('support.report.compliance')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('support.report.avg_response')}
            </th>
            <th scope="col" class="num" safe>
              {pc.t('support.report.avg_resolution')}
            </th>
          </tr>
        </thead>
        <tbody>{report.rows.map((r) => line(r, false))}</tbody>
        <tfoot>{line(report.total, true)}</tfoot>
      </table>
    </div>
  )
}

/**
 * The overdue-requests report: what is late now with its ageing, and for the requests opened in the
 * period the breaches, SLA compliance and average times, grouped by manager, client or category.
 */
export function OverdueReportPage({ pc, report, params, categories, errors }: OverdueReportProps) {
  const qs = new URLSearchParams({ group: params.group, from: params.from, to: params.to })
  if (params.categoryId) qs.set('category', params.categoryId)
  if (params.priority) qs.set('priority', params.priority)
  const t = report?.total
  return (
    <Layout pc={pc} title={pc.t('support.report.title')} width="wide">
      <form method="get" action="/support/reports/overdue" class="filter-bar">
        <FormErrors pc={pc} errors={errors} />
        <SelectField
          pc={pc}
          name="group"
          label={pc.t('support.report.group_by')}
          value={params.group}
          options={REPORT_GROUPS.map((g) => ({ value: g, label: pc.t(`support.report.group.${g}`) }))}
        />
        <Field
          pc={pc}
          name="from"
          type="date"
          label={pc.t('support.report.from')}
          value={params.from}
          errors={errors}
        />
        <Field pc={pc} name="to" type="date" label={pc.t('support.report.to')} value={params.to} errors={errors} />
        <SelectField
          pc={pc}
          name="category"
          label={pc.t('support.category')}
          value={params.categoryId ?? ''}
          options={categories.map((c) => ({ value: c.id, label: c.name }))}
          emptyLabel={pc.t('support.all_categories')}
        />
        <SelectField
          pc={pc}
          name="priority"
          label={pc.t('support.priority')}
          value={params.priority ?? ''}
          options={priorityOptions(pc)}
          emptyLabel={pc.t('support.all_priorities')}
        />
        <button type="submit" class="btn" safe>
          {pc.t('support.report.show')}
        </button>
      </form>
      {report && t ? (
        <>
          <div class="stats">
            <StatCard
              label={pc.t('support.report.overdue_now')}
              value={formatNumber(pc.locale, t.overdueNow)}
              tone={t.overdueNow > 0 ? 'red' : 'green'}
              href={drill(report, null, { overdue: '1' }) ?? undefined}
            />
            <StatCard
              label={pc.t('support.report.overdue_response')}
              value={formatNumber(pc.locale, t.overdueResponse)}
            />
            <StatCard
              label={pc.t('support.report.overdue_resolution')}
              value={formatNumber(pc.locale, t.overdueResolution)}
            />
            <StatCard
              label={pc.t('support.report.compliance')}
              value={share(pc, t.responseMet + t.resolutionMet, t.responseDecided + t.resolutionDecided)}
            />
            <StatCard label={pc.t('support.report.response_met')} value={share(pc, t.responseMet, t.responseDecided)} />
            <StatCard
              label={pc.t('support.report.resolution_met')}
              value={share(pc, t.resolutionMet, t.resolutionDecided)}
            />
            <StatCard label={pc.t('support.report.avg_response')} value={avg(pc, t.responseMinutesSum, t.responded)} />
            <StatCard
              label={pc.t('support.report.avg_resolution')}
              value={avg(pc, t.resolutionMinutesSum, t.resolved)}
            />
          </div>
          <Card
            title={pc.t('support.report.table_title')}
            actions={
              <span class="row-actions">
                <a class="btn btn-small" href={`/support/reports/overdue.csv?${qs.toString()}`} safe>
                  {pc.t('support.export_csv')}
                </a>
                <a class="btn btn-small" href={`/support/reports/overdue.xlsx?${qs.toString()}`} safe>
                  {pc.t('support.export_xlsx')}
                </a>
              </span>
            }
          >
            <p class="muted" safe>
              {pc.t('support.report.explain')}
            </p>
            {report.rows.length ? (
              <ReportTable pc={pc} report={report} />
            ) : (
              <EmptyState title={pc.t('support.report.empty')} />
            )}
          </Card>
        </>
      ) : (
        ''
      )}
    </Layout>
  )
}
