import type { FieldErrors } from '../../../core/errors.js'
import { Csrf } from '../../../core/ui/forms.js'
import type { PageContext } from '../../../core/ui/page-context.js'
import type { Workflow } from '../order-workflow.js'
import { isShipmentStatus } from '../orders.constants.js'
import type { OrderLineView, OrderView } from '../orders.service.js'
import { quantityDisplay, statusText } from './order-bits.js'

/** What a refused status form held, to show it again with its errors. */
export interface StatusFormState {
  to: string
  values: Record<string, string>
  errors: FieldErrors
}

export interface StatusActionsProps {
  pc: PageContext
  order: OrderView
  lines: OrderLineView[]
  w: Workflow
  allowed: string[]
  today: string
  /** Remaining quantity of each line as the form shows it. */
  remainingText: Record<string, string>
  state?: StatusFormState
}

const Err = ({ pc, id, error }: { pc: PageContext; id: string; error?: string }) =>
  error ? (
    <p class="field-error" id={`${id}-error`} safe>
      {pc.t(error)}
    </p>
  ) : (
    ''
  )

function TextInput(p: {
  pc: PageContext
  name: string
  label: string
  value: string
  error?: string
  type?: string
  max?: number
}) {
  const id = `f-${p.name}`
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={id} safe>
        {p.label}
      </label>
      <input
        id={id}
        name={p.name.replace(/-.*$/, '')}
        type={p.type ?? 'text'}
        value={p.value}
        maxlength={p.max ? String(p.max) : undefined}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? `${id}-error` : undefined}
      />
      <Err pc={p.pc} id={id} error={p.error} />
    </div>
  )
}

/** Comment and "internal" fields shared by every status form. */
function CommentFields({ pc, to, state }: { pc: PageContext; to: string; state?: StatusFormState }) {
  const mine = state?.to === to ? state : undefined
  return (
    <>
      <TextInput
        pc={pc}
        name={`comment-${to}`}
        label={pc.t('orders.comment_optional')}
        value={mine?.values.comment ?? ''}
        error={mine?.errors.comment}
        max={2000}
      />
      <div class="field field-check">
        <input
          type="checkbox"
          id={`f-internal-${to}`}
          name="internal"
          value="1"
          checked={mine ? mine.values.internal === '1' : false}
        />
        <label for={`f-internal-${to}`} safe>
          {pc.t('orders.comment_internal')}
        </label>
      </div>
    </>
  )
}

function ShipmentFields(p: StatusActionsProps & { to: string }) {
  const { pc } = p
  const mine = p.state?.to === p.to ? p.state : undefined
  const v = (k: string, fallback = '') => mine?.values[k] ?? fallback
  return (
    <>
      {mine?.errors.ship ? (
        <p class="field-error" safe>
          {pc.t(mine.errors.ship)}
        </p>
      ) : (
        ''
      )}
      <div class="table-scroll">
        <table class="data-table">
          <caption class="visually-hidden" safe>
            {pc.t('orders.ship_quantities')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {pc.t('orders.item')}
              </th>
              <th scope="col" class="num" safe>
                {pc.t('orders.quantity')}
              </th>
              <th scope="col" class="num" safe>
                {pc.t('orders.shipped_qty')}
              </th>
              <th scope="col" class="num" safe>
                {pc.t('orders.ship_now')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.lines.map((l) => {
              const name = `ship_${l.id}`
              const id = `f-${name}-${p.to}`
              const error = mine?.errors[name]
              return (
                <tr>
                  <td safe>{l.name}</td>
                  <td class="num nowrap" safe>
                    {quantityDisplay(pc, l.quantityMilli, l.unit)}
                  </td>
                  <td class="num nowrap" safe>
                    {quantityDisplay(pc, l.shippedMilli, l.unit)}
                  </td>
                  <td class={error ? 'num has-error' : 'num'}>
                    <label class="visually-hidden" for={id} safe>
                      {pc.t('orders.ship_now_of', { item: l.name })}
                    </label>
                    <input
                      id={id}
                      name={name}
                      value={v(name, p.remainingText[l.id] ?? '0')}
                      inputmode="decimal"
                      size="8"
                      aria-invalid={error ? 'true' : undefined}
                    />
                    <Err pc={pc} id={id} error={error} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div class="grid-2">
        <TextInput
          pc={pc}
          name={`shipped_at-${p.to}`}
          type="date"
          label={pc.t('orders.shipped_at')}
          value={v('shipped_at', p.today)}
          error={mine?.errors.shipped_at}
        />
        <TextInput
          pc={pc}
          name={`carrier-${p.to}`}
          label={pc.t('orders.carrier')}
          value={v('carrier')}
          error={mine?.errors.carrier}
          max={100}
        />
      </div>
      <div class="grid-2">
        <TextInput
          pc={pc}
          name={`tracking_number-${p.to}`}
          label={pc.t('orders.tracking_number')}
          value={v('tracking_number')}
          error={mine?.errors.tracking_number}
          max={100}
        />
        <TextInput
          pc={pc}
          name={`note-${p.to}`}
          label={pc.t('orders.shipment_note')}
          value={v('note')}
          error={mine?.errors.note}
          max={1000}
        />
      </div>
    </>
  )
}

/** One form per status the order may move to; shipped/delivered forms also record what leaves. */
export function StatusActions(p: StatusActionsProps) {
  const { pc, order } = p
  if (p.allowed.length === 0) return ''
  const action = `/orders/${encodeURIComponent(order.id)}/status`
  return (
    <>
      {p.allowed.map((to) => {
        const label = pc.t('orders.move_to', { status: statusText(pc, p.w, to) })
        const closing = !p.w.statuses.find((s) => s.key === to)?.open
        const form = (
          <form
            method="post"
            action={action}
            class="form form-wide status-action"
            novalidate
            data-confirm={closing ? pc.t('orders.confirm_close', { status: statusText(pc, p.w, to) }) : undefined}
          >
            <Csrf pc={pc} />
            <input type="hidden" name="to" value={to} />
            <input type="hidden" name="version" value={String(order.version)} />
            {isShipmentStatus(to) ? <ShipmentFields {...p} to={to} /> : ''}
            <CommentFields pc={pc} to={to} state={p.state} />
            <div class="form-actions">
              <button type="submit" class={to === 'cancelled' ? 'btn btn-danger' : 'btn btn-primary'} safe>
                {label}
              </button>
            </div>
          </form>
        )
        return (
          <details open={p.state?.to === to}>
            <summary safe>{label}</summary>
            {form}
          </details>
        )
      })}
    </>
  )
}
