import { formatMoney } from '../../../core/i18n/format.js'
import { Badge, type Tone } from '../../../core/ui/components.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { InvoiceStatus } from '../finance.schema.js'
import type { InvoiceView } from '../invoice.service.js'

const TONES: Record<InvoiceStatus, Tone> = {
  draft: 'grey',
  issued: 'blue',
  partially_paid: 'amber',
  paid: 'green',
  cancelled: 'neutral',
}

/** Every status in workflow order (the keys above), for filters. */
export const STATUS_ORDER = Object.keys(TONES) as InvoiceStatus[]

/** Status badge; an unpaid request past its due date also says overdue. */
export function InvoiceStatusBadge({ pc, invoice, today }: { pc: PageContext; invoice: InvoiceView; today: string }) {
  const overdue =
    (invoice.status === 'issued' || invoice.status === 'partially_paid') &&
    invoice.dueDate !== null &&
    invoice.dueDate < today
  return (
    <>
      <Badge tone={TONES[invoice.status]} label={pc.t(`finance.status.${invoice.status}`)} />
      {overdue ? (
        <>
          {' '}
          <Badge tone="red" label={pc.t('finance.overdue')} />
        </>
      ) : (
        ''
      )}
    </>
  )
}

export const money = (pc: PageContext, minor: number, currency: string) => formatMoney(pc.locale, minor, currency)

export const invoiceTitle = (pc: PageContext, i: InvoiceView) =>
  i.number ? pc.t('finance.invoice_title', { number: i.number }) : pc.t('finance.invoice_draft_title')
