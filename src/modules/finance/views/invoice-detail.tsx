import { formatDate, formatNumber } from '../../../core/i18n/format.js'
import type { BankAccount } from '../../../core/settings/settings-store.js'
import { Card, Details } from '../../../core/ui/components.js'
import { Field, Form, PostButton } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { InvoiceDetail } from '../invoice.service.js'
import { InvoiceStatusBadge, invoiceTitle, money } from './invoice-bits.js'

export interface PaymentFormValues {
  amount: string
  date: string
  reference: string
}

/** One payment request: lines and totals, how to pay (bank details, reference), payments; staff actions. */
export function InvoiceDetailPage(p: {
  pc: PageContext
  detail: InvoiceDetail
  today: string
  bankAccounts: BankAccount[]
  companyName: string
  /** Where the request's PDF is, when the documents module is on and the request has a number. */
  pdfHref?: string | null
  canManage: boolean
  payment: { values: PaymentFormValues; errors?: Record<string, string> }
}) {
  const { pc } = p
  const inv = p.detail.invoice
  const m = (minor: number) => money(pc, minor, inv.currency)
  const payable = inv.status === 'issued' || inv.status === 'partially_paid' || inv.status === 'paid'
  const accounts = p.bankAccounts.filter((a) => a.currency === inv.currency)
  const shown = accounts.length ? accounts : p.bankAccounts
  return (
    <Layout
      pc={pc}
      title={invoiceTitle(pc, inv)}
      crumbs={[
        { label: pc.t('finance.invoices_title'), href: p.canManage ? '/finance/invoices' : '/finance/invoices/mine' },
      ]}
      actions={
        <div class="actions">
          {p.pdfHref ? (
            <a class="btn" href={p.pdfHref} download="" safe>
              {pc.t('finance.download_pdf')}
            </a>
          ) : (
            ''
          )}
          {p.canManage ? (
            <div class="actions">
              {inv.status === 'draft' ? (
                <PostButton
                  pc={pc}
                  action={`/finance/invoices/${encodeURIComponent(inv.id)}/issue`}
                  label={pc.t('finance.issue')}
                  confirm={pc.t('finance.issue_confirm')}
                  fields={{ version: String(inv.version) }}
                />
              ) : (
                ''
              )}
              {(inv.status === 'draft' || inv.status === 'issued') && inv.paidMinor === 0 ? (
                <PostButton
                  pc={pc}
                  action={`/finance/invoices/${encodeURIComponent(inv.id)}/cancel`}
                  label={pc.t('finance.cancel_invoice')}
                  confirm={pc.t('finance.cancel_confirm')}
                  danger
                  fields={{ version: String(inv.version) }}
                />
              ) : (
                ''
              )}
            </div>
          ) : (
            ''
          )}
        </div>
      }
    >
      <p class="muted" safe>
        {pc.t('finance.invoice_not_tax')}
      </p>
      <Card>
        <Details
          rows={[
            [pc.t('finance.invoice_kind'), <span safe>{pc.t(`finance.invoice_kind.${inv.kind}`)}</span>],
            [
              pc.t('finance.client'),
              p.canManage ? (
                <a href={`/finance/clients/${encodeURIComponent(inv.clientId)}/ledger?currency=${inv.currency}`} safe>
                  {`${inv.clientName} · ${pc.t('finance.ledger_link')}`}
                </a>
              ) : (
                <span safe>{inv.clientName}</span>
              ),
            ],
            [pc.t('finance.status'), <InvoiceStatusBadge pc={pc} invoice={inv} today={p.today} />],
            [pc.t('finance.issue_date'), <span safe>{formatDate(pc.locale, inv.issueDate)}</span>],
            [pc.t('finance.due_date'), <span safe>{formatDate(pc.locale, inv.dueDate)}</span>],
            [pc.t('finance.total'), <strong safe>{m(inv.totalMinor)}</strong>],
            [pc.t('finance.paid'), <span safe>{m(inv.paidMinor)}</span>],
            [pc.t('finance.outstanding'), <span safe>{m(Math.max(0, inv.totalMinor - inv.paidMinor))}</span>],
            ...(inv.note ? ([[pc.t('finance.note'), <span safe>{inv.note}</span>]] as [string, JSX.Element][]) : []),
          ]}
        />
      </Card>
      <Card title={pc.t('finance.lines')}>
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col" safe>
                  {pc.t('finance.line_name')}
                </th>
                <th scope="col" class="num" safe>
                  {pc.t('finance.quantity')}
                </th>
                <th scope="col" safe>
                  {pc.t('finance.unit')}
                </th>
                <th scope="col" class="num" safe>
                  {pc.t('finance.unit_price')}
                </th>
                <th scope="col" class="num" safe>
                  {pc.t('finance.vat_rate')}
                </th>
                <th scope="col" class="num" safe>
                  {pc.t('finance.net')}
                </th>
                <th scope="col" class="num" safe>
                  {pc.t('finance.vat')}
                </th>
                <th scope="col" class="num" safe>
                  {pc.t('finance.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.detail.lines.map((l) => (
                <tr>
                  <td safe>{l.name}</td>
                  <td class="num" safe>
                    {formatNumber(pc.locale, l.quantity_milli / 1000, { maximumFractionDigits: 3 })}
                  </td>
                  <td safe>{l.unit}</td>
                  <td class="num" safe>
                    {m(l.unit_price_minor)}
                  </td>
                  <td
                    class="num"
                    safe
                  >{`${formatNumber(pc.locale, l.vat_rate_bp / 100, { maximumFractionDigits: 2 })} %`}</td>
                  <td class="num" safe>
                    {m(l.net_minor)}
                  </td>
                  <td class="num" safe>
                    {m(l.vat_minor)}
                  </td>
                  <td class="num" safe>
                    {m(l.total_minor)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colspan="5" safe>
                  {pc.t('finance.total')}
                </th>
                <td class="num" safe>
                  {m(inv.netMinor)}
                </td>
                <td class="num" safe>
                  {m(inv.vatMinor)}
                </td>
                <td class="num" safe>
                  {m(inv.totalMinor)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Card>
      {payable && inv.paymentReference ? (
        <Card title={pc.t('finance.how_to_pay')}>
          <Details
            rows={[
              [pc.t('finance.payment_reference'), <strong safe>{inv.paymentReference}</strong>],
              [pc.t('finance.outstanding'), <span safe>{m(Math.max(0, inv.totalMinor - inv.paidMinor))}</span>],
              ...shown.map(
                (a) =>
                  [
                    pc.t('finance.bank_account'),
                    <span
                      safe
                    >{`${p.companyName} · ${a.bankName} · ${a.account}${a.bic ? ` · ${a.bic}` : ''} (${a.currency})`}</span>,
                  ] as [string, JSX.Element],
              ),
            ]}
          />
          <p class="help" safe>
            {shown.length ? pc.t('finance.payment_reference_help') : pc.t('finance.no_bank_accounts')}
          </p>
        </Card>
      ) : (
        ''
      )}
      {inv.status !== 'draft' ? (
        <Card title={pc.t('finance.payments')}>
          {p.detail.payments.length === 0 ? (
            <p class="muted" safe>
              {pc.t('finance.no_payments')}
            </p>
          ) : (
            <table class="data-table">
              <tbody>
                {p.detail.payments.map((pay) => (
                  <tr>
                    <td safe>{formatDate(pc.locale, pay.paid_on)}</td>
                    <td safe>{pay.reference}</td>
                    <td class="num" safe>
                      {m(pay.amount_minor)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {p.canManage && payable ? (
            <Form
              pc={pc}
              action={`/finance/invoices/${encodeURIComponent(inv.id)}/payments`}
              errors={p.payment.errors}
              submit={pc.t('finance.record_payment')}
            >
              <Field
                pc={pc}
                name="amount"
                label={pc.t('finance.amount')}
                value={p.payment.values.amount}
                inputmode="decimal"
                errors={p.payment.errors}
                required
              />
              <Field
                pc={pc}
                name="date"
                type="date"
                label={pc.t('finance.date')}
                value={p.payment.values.date}
                errors={p.payment.errors}
                required
              />
              <Field
                pc={pc}
                name="reference"
                label={pc.t('finance.payment_reference_bank')}
                value={p.payment.values.reference}
                errors={p.payment.errors}
                maxlength={200}
                required
              />
            </Form>
          ) : (
            ''
          )}
        </Card>
      ) : (
        ''
      )}
    </Layout>
  )
}
