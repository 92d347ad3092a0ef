import type { FieldErrors } from '../../../core/errors.js'
import { Field, TextArea } from '../../../core/ui/forms.js'
import { Layout } from '../../../core/ui/layout.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { OrderFormValues } from '../order-form.js'
import { LineRows } from './line-rows.js'
import { WideForm } from './wide-form.js'

/** A client user's order form: items, quantities, delivery wishes and a comment; prices come from the manager. */
export function ClientOrderFormPage(p: {
  pc: PageContext
  values: OrderFormValues
  errors?: FieldErrors
  blankRows: number
}) {
  const { pc, values: v, errors } = p
  const rows = [
    ...v.lines,
    ...Array.from({ length: p.blankRows }, () => ({ sku: '', name: '', qty: '', unit: '', price: '', vat: '' })),
  ]
  return (
    <Layout
      pc={pc}
      title={pc.t('orders.place_title')}
      crumbs={[{ label: pc.t('orders.mine_title'), href: '/orders/mine' }, { label: pc.t('orders.place') }]}
      width="wide"
    >
      <p class="muted" safe>
        {pc.t('orders.place_intro')}
      </p>
      <WideForm
        pc={pc}
        action="/orders/mine"
        errors={errors}
        submit={pc.t('orders.place_submit')}
        cancelHref="/orders/mine"
      >
        <LineRows pc={pc} rows={rows} errors={errors} vatOptions={null} />
        <div class="grid-2">
          <Field
            pc={pc}
            name="desired_date"
            type="date"
            label={pc.t('orders.desired_date')}
            value={v.desiredDate}
            errors={errors}
          />
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
        <TextArea
          pc={pc}
          name="comment"
          label={pc.t('orders.comment')}
          value={v.comment}
          errors={errors}
          maxlength={2000}
        />
      </WideForm>
    </Layout>
  )
}
