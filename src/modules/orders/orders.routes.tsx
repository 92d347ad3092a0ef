import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import { setFlash } from '../../core/http/flash.js'
import { formData } from '../../core/http/forms.js'
import { parseListQuery } from '../../core/http/list-query.js'
import { formatPercent } from '../../core/i18n/format.js'
import { pageContext } from '../../core/ui/page-context.js'
import { clientForOrder, orderDetail } from './order-detail.service.js'
import { createOrder, placeOrder, updateOrder } from './order-entry.service.js'
import {
  BLANK_LINE_ROWS,
  blankLine,
  emptyFormValues,
  errorsOnRows,
  formValuesFromBody,
  formValuesOf,
  inputFromForm,
  type OrderFormValues,
} from './order-form.js'
import { clientChoices } from './order-overview.service.js'
import { orderSettingsPages } from './order-settings.routes.js'
import { changeOrderStatus } from './order-status.service.js'
import { statusChangeFromForm } from './order-status-form.js'
import {
  companyToday,
  getOrder,
  getOrderLines,
  listOrders,
  ORDER_SORTS,
  type OrderView,
  ordersWorkflow,
} from './orders.service.js'
import { ClientOrderFormPage } from './views/client-order-form.js'
import { MyOrderPage } from './views/my-order.js'
import { MyOrdersPage } from './views/my-orders.js'
import { OrderDetailPage } from './views/order-detail.js'
import { OrderFormPage, type OrderFormProps } from './views/order-form.js'
import { OrderListPage } from './views/order-list.js'
import type { StatusFormState } from './views/status-actions.js'

const READ = { access: { permission: 'orders.read' } } as const
const MANAGE = { access: { permission: 'orders.manage' } } as const
const CLIENT = { access: { permission: 'orders.client' } } as const
// Staff (orders.read) and client users (orders.client) both open an order; the service decides.
const READ_ANY = { access: 'signed-in' } as const

/** A select of clients stays usable up to this many; beyond it the list filter works by link only. */
const CLIENT_SELECT_LIMIT = 300

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id
const viewOf = (params: Record<string, string>): 'current' | 'archive' =>
  params.view === 'archive' ? 'archive' : 'current'
const listSpec = { sortable: ORDER_SORTS, defaultSort: 'order_date', defaultDir: 'desc' as const }
const filtersOf = (p: Record<string, string>) => ({
  view: viewOf(p),
  status: p.status || undefined,
  from: p.from || undefined,
  to: p.to || undefined,
})

/** Order pages under /orders: staff list, form and page; the client's own list, page and order form; settings. */
export async function ordersPages(app: FastifyInstance) {
  const { services } = app
  await orderSettingsPages(app)

  const vatOptions = async (req: FastifyRequest) =>
    (await services.settings.get('company')).vatRates.map((bp) => ({
      value: String(bp),
      label: formatPercent(req.locale, bp / 10000, 2),
    }))

  app.get('/', { config: READ }, async (req, reply) => {
    if (req.actor?.role === 'client') return reply.redirect('/orders/mine', 303)
    const lq = parseListQuery(req.query, listSpec)
    const page = await listOrders(req.ctx, lq, { ...filtersOf(lq.params), clientId: lq.params.client || undefined })
    return reply.html(
      <OrderListPage
        pc={await pageContext(req, reply)}
        lq={lq}
        page={page}
        view={viewOf(lq.params)}
        workflow={await ordersWorkflow(req.ctx)}
        clients={await clientChoices(req.ctx, CLIENT_SELECT_LIMIT)}
        canManage={req.ctx.can('orders.manage')}
      />,
    )
  })

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    props: Omit<OrderFormProps, 'pc' | 'vatOptions' | 'blankRows' | 'contracts'> & {
      blankRows?: number
      contracts?: OrderFormProps['contracts']
    },
  ) =>
    reply
      .status(props.errors ? 422 : 200)
      .html(
        <OrderFormPage
          pc={await pageContext(req, reply)}
          vatOptions={await vatOptions(req)}
          blankRows={props.blankRows ?? 0}
          contracts={props.contracts ?? null}
          {...props}
        />,
      )

  /** The new-order form's client: fixed when it came from a client card (with its contracts), else a select. */
  const clientPart = async (req: FastifyRequest, fixedId: string | null) => {
    if (fixedId) {
      const client = await clientForOrder(req.ctx, fixedId)
      if (!client) throw new NotFoundError('client')
      return { fixedClient: { id: client.id, name: client.name }, contracts: client.contracts, address: client.address }
    }
    return { clients: (await clientChoices(req.ctx, 1000)) ?? [] }
  }

  app.get('/new', { config: MANAGE }, async (req, reply) => {
    const fixed = (req.query as { client?: string }).client || null
    const company = await services.settings.get('company')
    const { address, ...part } = await clientPart(req, fixed)
    return formPage(req, reply, {
      values: emptyFormValues(fixed ?? '', await companyToday(req.ctx), company.defaultCurrency, address ?? ''),
      blankRows: BLANK_LINE_ROWS,
      ...part,
    })
  })

  app.post('/', { config: MANAGE }, async (req, reply) => {
    const values = formValuesFromBody(req.body)
    const fixed = formData(req.body).client_fixed === '1' ? values.clientId : null
    const { address: _, ...part } = await clientPart(req, fixed)
    const render = (errors?: Record<string, string>, blankRows = 0) =>
      formPage(req, reply, { values, errors, blankRows, ...part })
    if (formData(req.body).add_line_row) return render(undefined, 1)
    const { input, errors, rowIndex } = inputFromForm(values, req.locale, req.t('orders.default_unit'))
    const clientError: Record<string, string> = values.clientId ? {} : { client_id: 'form.required' }
    if (Object.keys(errors).length || !values.clientId) return render({ ...clientError, ...errors })
    try {
      const created = await createOrder(req.ctx, values.clientId, input)
      setFlash(reply, 'success', req.t('orders.created_flash', { number: created.number }))
      return reply.redirect(`/orders/${encodeURIComponent(created.id)}`, 303)
    } catch (err) {
      if (err instanceof ValidationError) return render(errorsOnRows(err.fields, rowIndex))
      throw err
    }
  })

  app.get('/mine', { config: CLIENT }, async (req, reply) => {
    // The head holds no client permissions, but a client-side link may still be followed by staff.
    if (req.actor?.role !== 'client') return reply.redirect('/orders', 303)
    const lq = parseListQuery(req.query, listSpec)
    const workflow = await ordersWorkflow(req.ctx)
    const page = await listOrders(req.ctx, lq, filtersOf(lq.params))
    return reply.html(
      <MyOrdersPage
        pc={await pageContext(req, reply)}
        lq={lq}
        page={page}
        view={viewOf(lq.params)}
        workflow={workflow}
        mayOrder={workflow.clientsMayOrder}
      />,
    )
  })

  const clientFormPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: OrderFormValues,
    errors?: Record<string, string>,
    blankRows = 0,
  ) =>
    reply
      .status(errors ? 422 : 200)
      .html(
        <ClientOrderFormPage
          pc={await pageContext(req, reply)}
          values={values}
          errors={errors}
          blankRows={blankRows}
        />,
      )

  app.get('/mine/new', { config: CLIENT }, async (req, reply) => {
    if (!(await ordersWorkflow(req.ctx)).clientsMayOrder) {
      setFlash(reply, 'info', req.t('orders.error.ordering_closed'))
      return reply.redirect('/orders/mine', 303)
    }
    // The delivery address starts as the company's own (postal, else legal); the client may change it.
    const own = req.actor?.clientId ? await clientForOrder(req.ctx, req.actor.clientId) : null
    const values = emptyFormValues('', '', '', own?.address ?? '')
    values.lines = [blankLine()]
    return clientFormPage(req, reply, values, undefined, BLANK_LINE_ROWS - 1)
  })

  app.post('/mine', { config: CLIENT }, async (req, reply) => {
    const values = formValuesFromBody(req.body)
    // A client's order carries no prices, whatever the form posted.
    values.lines = values.lines.map((l) => ({ ...l, price: '', vat: '' }))
    if (formData(req.body).add_line_row) return clientFormPage(req, reply, values, undefined, 1)
    const { input, errors, rowIndex } = inputFromForm(values, req.locale, req.t('orders.default_unit'))
    if (Object.keys(errors).length) return clientFormPage(req, reply, values, errors)
    try {
      const placed = await placeOrder(req.ctx, {
        deliveryAddress: input.deliveryAddress,
        desiredDate: input.desiredDate,
        comment: input.comment,
        lines: input.lines,
      })
      setFlash(reply, 'success', req.t('orders.placed_flash', { number: placed.number }))
      return reply.redirect(`/orders/${encodeURIComponent(placed.id)}`, 303)
    } catch (err) {
      if (err instanceof ValidationError) return clientFormPage(req, reply, values, errorsOnRows(err.fields, rowIndex))
      throw err
    }
  })

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, id: string, statusState?: StatusFormState) => {
    const d = await orderDetail(req.ctx, id)
    const pc = await pageContext(req, reply)
    if (req.actor?.role === 'client') {
      return reply.html(
        <MyOrderPage
          pc={pc}
          order={d.order}
          lines={d.lines}
          history={d.history}
          shipments={d.shipments}
          w={d.w}
          createdByName={d.order.createdByName}
        />,
      )
    }
    return reply
      .status(statusState ? 422 : 200)
      .html(
        <OrderDetailPage
          pc={pc}
          order={d.order}
          lines={d.lines}
          history={d.history}
          shipments={d.shipments}
          w={d.w}
          allowed={d.allowed}
          editable={d.editable}
          canManage={req.ctx.can('orders.manage')}
          createdByName={d.order.createdByName}
          today={await companyToday(req.ctx)}
          remainingText={d.remainingText}
          statusState={statusState}
        />,
      )
  }

  app.get('/:id', { config: READ_ANY }, async (req, reply) => detailPage(req, reply, idOf(req)))

  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    o: OrderView,
    values: OrderFormValues,
    errors?: Record<string, string>,
    blankRows = 0,
  ) =>
    formPage(req, reply, {
      values,
      errors,
      blankRows,
      editing: { id: o.id, number: o.number, clientName: o.clientName },
      contracts: (await clientForOrder(req.ctx, o.clientId))?.contracts ?? null,
    })

  app.get('/:id/edit', { config: MANAGE }, async (req, reply) => {
    const d = await orderDetail(req.ctx, idOf(req))
    if (!d.editable) return reply.redirect(`/orders/${encodeURIComponent(d.order.id)}`, 303)
    return editPage(req, reply, d.order, formValuesOf(d.order, d.lines, req.locale), undefined, 1)
  })

  app.post('/:id', { config: MANAGE }, async (req, reply) => {
    const order = await getOrder(req.ctx, idOf(req))
    const values = { ...formValuesFromBody(req.body), clientId: order.clientId }
    if (formData(req.body).add_line_row) return editPage(req, reply, order, values, undefined, 1)
    const { input, errors, rowIndex } = inputFromForm(values, req.locale, req.t('orders.default_unit'))
    if (Object.keys(errors).length) return editPage(req, reply, order, values, errors)
    try {
      const saved = await updateOrder(req.ctx, order.id, Number(values.version), input)
      setFlash(reply, 'success', req.t('orders.saved_flash', { number: saved.number }))
      return reply.redirect(`/orders/${encodeURIComponent(saved.id)}`, 303)
    } catch (err) {
      if (err instanceof ValidationError) return editPage(req, reply, order, values, errorsOnRows(err.fields, rowIndex))
      throw err
    }
  })

  app.post('/:id/status', { config: MANAGE }, async (req, reply) => {
    const order = await getOrder(req.ctx, idOf(req))
    const lines = await getOrderLines(req.ctx, order.id)
    const form = statusChangeFromForm(req.body, lines, req.locale)
    const state = (errors: Record<string, string>): StatusFormState => ({ to: form.to, values: form.values, errors })
    if (Object.keys(form.errors).length) return detailPage(req, reply, order.id, state(form.errors))
    try {
      const changed = await changeOrderStatus(req.ctx, order.id, form.to, form.input)
      const w = await ordersWorkflow(req.ctx)
      const label = w.statuses.find((s) => s.key === changed.status)?.label[req.locale] ?? changed.status
      setFlash(reply, 'success', req.t('orders.status_flash', { number: changed.number, status: label }))
      return reply.redirect(`/orders/${encodeURIComponent(changed.id)}`, 303)
    } catch (err) {
      if (err instanceof ValidationError) return detailPage(req, reply, order.id, state(err.fields))
      throw err
    }
  })
}
