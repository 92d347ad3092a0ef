import type { FieldErrors } from '../../../core/errors.js'
import { Field, SelectField, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { OrderFormValues } from '../order-form.js'
import { LineRows } from './line-rows.js'
import { WideForm } from './wide-form.js'

export interface OrderFormProps {
  pc: PageContext
  values: OrderFormValues
  errors?: FieldErrors
  /** Editing: the order's id, number and client name. */
  editing?: { id: string; number: string; clientName: string }
  /** New order: the clients to choose from, or the one fixed client (from `?client=`). */
  clients?: { id: string; name: string }[]
  fixedClient?: { id: string; name: string }
  /** The client's contracts to refer to; null when contracts are not in use. */
  contracts: { id: string; number: string; subject: string }[] | null
  vatOptions: { value: string; label: string }[]
  blankRows: number
}

/** New or edit order form for staff: lines with prices and VAT rates; input kept on every error. */
export function OrderFormPage(p: OrderFormProps) {
  const { pc, values: v, errors } = p
  const title = p.editing ? pc.t('orders.edit_title', { number: p.editing.number }) : pc.t('orders.new')
  const action = p.editing ? `/orders/${encodeURIComponent(p.editing.id)}` : '/orders'
  const defaultVat = p.vatOptions.at(-1)?.value ?? ''
  const rows = [
    ...v.lines,
    ...Array.from({ length: p.blankRows }, () => ({
      sku: '',
      name: '',
      qty: '',
      unit: '',
      price: '',
      vat: defaultVat,
    })),
  ]
  const client = p.editing ? { name: p.editing.clientName } : p.fixedClient
  const back = p.editing ? `/orders/${encodeURIComponent(p.editing.id)}` : '/orders'
  return (
    <Layout
      pc={pc}
      title={title}
      width="wide"
      crumbs={[
        { label: pc.t('orders.title'), href: '/orders' },
        ...(p.editing ? [{ label: p.editing.number, href: back }] : []),
        { label: p.editing ? pc.t('orders.edit') : pc.t('orders.new') },
      ]}
    >
      <WideForm
        pc={pc}
        action={action}
        errors={errors}
        submit={pc.t(p.editing ? 'form.save' : 'orders.create')}
        cancelHref={back}
      >
        {p.editing ? <input type="hidden" name="version" value={v.version} /> : ''}
        {client ? (
          <div class="field">
            <span class="field-label" safe>
              {pc.t('orders.client')}
            </span>
            <strong safe>{client.name}</strong>
            {p.fixedClient ? (
              <>
                <input type="hidden" name="client_id" value={p.fixedClient.id} />
                <input type="hidden" name="client_fixed" value="1" />
              </>
            ) : (
              ''
            )}
          </div>
        ) : (
          <SelectField
            pc={pc}
            name="client_id"
            label={pc.t('orders.client')}
            value={v.clientId}
            errors={errors}
            required
            emptyLabel={pc.t('orders.choose_client')}
            options={(p.clients ?? []).map((c) => ({ value: c.id, label: c.name }))}
            help={pc.t('orders.client_help')}
          />
        )}
        <div class="grid-2">
          <Field
            pc={pc}
            name="order_date"
            type="date"
            label={pc.t('orders.order_date')}
            value={v.orderDate}
            errors={errors}
            required
          />
          <Field
            pc={pc}
            name="currency"
            label={pc.t('orders.currency')}
            value={v.currency}
            errors={errors}
            required
            maxlength={3}
          />
        </div>
        <div class="grid-2">
          <Field
            pc={pc}
            name="desired_date"
            type="date"
            label={pc.t('orders.desired_date')}
            value={v.desiredDate}
            errors={errors}
          />
          {p.contracts ? (
            <SelectField
              pc={pc}
              name="contract_id"
              label={pc.t('orders.contract')}
              value={v.contractId}
              errors={errors}
              emptyLabel={pc.t('orders.no_contract')}
              options={p.contracts.map((c) => ({ value: c.id, label: `${c.number} · ${c.subject}` }))}
            />
          ) : (
            ''
          )}
        </div>
        <TextArea
          pc={pc}
          name="delivery_address"
          label={pc.t('orders.delivery_address')}
          value={v.deliveryAddress}
          errors={errors}
          rows={2}
          maxlength={500}
        />
        <LineRows pc={pc} rows={rows} errors={errors} vatOptions={p.vatOptions} />
        <TextArea
          pc={pc}
          name="comment"
          label={pc.t('orders.comment')}
          value={v.comment}
          errors={errors}
          maxlength={2000}
          help={pc.t('orders.comment_help')}
        />
      </WideForm>
    </Layout>
  )
}
