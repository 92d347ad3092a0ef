import { formatNumber } from '../../../core/i18n/format.js'
import { Card } from '../../../core/ui/components.js'
import { Field, Form, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'

export interface InvoiceLineValues {
  name: string
  quantity: string
  unit: string
  price: string
  vat: string
}

export interface InvoiceFormValues {
  clientId: string
  currency: string
  dueDate: string
  note: string
  lines: InvoiceLineValues[]
}

/** The new payment request form: client, currency, due date, note and up to a handful of lines. */
export function InvoiceFormPage(p: {
  pc: PageContext
  values: InvoiceFormValues
  clients: { id: string; name: string }[]
  vatRates: number[]
  errors?: Record<string, string>
}) {
  const { pc } = p
  const vatOptions = p.vatRates.map((r) => ({
    value: String(r),
    label: `${formatNumber(pc.locale, r / 100, { maximumFractionDigits: 2 })} %`,
  }))
  return (
    <Layout
      pc={pc}
      title={pc.t('finance.invoice_new')}
      crumbs={[{ label: pc.t('finance.invoices_title'), href: '/finance/invoices' }]}
    >
      <p class="muted" safe>
        {pc.t('finance.invoice_not_tax')}
      </p>
      <Form
        pc={pc}
        action="/finance/invoices"
        errors={p.errors}
        submit={pc.t('finance.invoice_create')}
        cancelHref="/finance/invoices"
      >
        <SelectField
          pc={pc}
          name="client_id"
          label={pc.t('finance.client')}
          value={p.values.clientId}
          options={p.clients.map((c) => ({ value: c.id, label: c.name }))}
          emptyLabel={pc.t('finance.choose_client')}
          errors={p.errors}
          required
        />
        <Field
          pc={pc}
          name="currency"
          label={pc.t('finance.currency')}
          value={p.values.currency}
          maxlength={3}
          errors={p.errors}
          required
        />
        <Field
          pc={pc}
          name="due_date"
          type="date"
          label={pc.t('finance.due_date')}
          help={pc.t('finance.due_date_help')}
          value={p.values.dueDate}
          errors={p.errors}
        />
        <TextArea
          pc={pc}
          name="note"
          label={pc.t('finance.note')}
          value={p.values.note}
          rows={2}
          maxlength={2000}
          errors={p.errors}
        />
        {p.values.lines.map((l, i) => (
          <Card title={pc.t('finance.line_n', { n: i + 1 })}>
            <Field
              pc={pc}
              name={`line_${i}_name`}
              label={pc.t('finance.line_name')}
              value={l.name}
              maxlength={300}
              errors={p.errors}
            />
            <Field
              pc={pc}
              name={`line_${i}_quantity`}
              label={pc.t('finance.quantity')}
              value={l.quantity}
              inputmode="decimal"
              errors={p.errors}
            />
            <Field
              pc={pc}
              name={`line_${i}_unit`}
              label={pc.t('finance.unit')}
              value={l.unit}
              maxlength={20}
              errors={p.errors}
            />
            <Field
              pc={pc}
              name={`line_${i}_price`}
              label={pc.t('finance.unit_price')}
              value={l.price}
              inputmode="decimal"
              errors={p.errors}
            />
            <SelectField
              pc={pc}
              name={`line_${i}_vat`}
              label={pc.t('finance.vat_rate')}
              value={l.vat}
              options={vatOptions}
              errors={p.errors}
            />
          </Card>
        ))}
      </Form>
    </Layout>
  )
}
