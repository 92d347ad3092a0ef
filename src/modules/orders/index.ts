import { defineModule } from '../../core/module.js'
import * as createOrders from './migrations/2026_11_29_1300_orders_create_orders.js'
import { ordersApi } from './orders.api.js'
import { ordersDashboard } from './orders.dashboard.js'
import { ordersDemo } from './orders.demo.js'
import { ordersPages } from './orders.routes.js'
import { ordersTimeline } from './orders.timeline.js'
import { ordersMessages } from './orders-messages.js'

/**
 * Orders of clients: lines with VAT per line, a status workflow configured in settings with every
 * change kept, current orders and archive, shipments (ready for finance to charge and document),
 * client ordering when the company allows it, notifications to the client's order followers.
 */
export const ordersModule = defineModule({
  name: 'orders',
  dependsOn: ['clients'],
  permissions: {
    'orders.read': ['manager', 'head'],
    'orders.manage': ['manager', 'head'],
    'orders.client': ['client'],
  },
  clientAreas: { 'orders.client': 'orders' },
  tables: {
    orders: 'client',
    order_lines: 'client',
    order_status_changes: 'client',
    shipments: 'client',
    shipment_lines: 'client',
  },
  migrations: { '2026_11_29_1300_orders_create_orders': createOrders },
  pages: ordersPages,
  api: ordersApi,
  nav: [
    { label: 'nav.orders', href: '/orders', group: 'sales', permission: 'orders.read' },
    { label: 'nav.my_orders', href: '/orders/mine', group: 'main', permission: 'orders.client', roles: ['client'] },
    { label: 'nav.order_settings', href: '/orders/settings', group: 'settings', permission: 'settings.manage' },
  ],
  messages: ordersMessages,
  notifications: [
    { event: 'orders.status_changed', label: 'orders.notify.pref_status_changed', audience: ['client'] },
    { event: 'orders.placed', label: 'orders.notify.pref_placed', audience: ['staff'] },
  ],
  dashboard: ordersDashboard,
  timeline: ordersTimeline,
  demo: ordersDemo,
})

export { createOrder, placeOrder } from './order-entry.service.js'
export { changeOrderStatus } from './order-status.service.js'
export type { CreatedVia, ShipmentKind } from './orders.constants.js'
export { getOrder, getOrderLines, listOrders, type OrderLineView, type OrderView } from './orders.service.js'
export { getShipment, linkShipmentToFinance, orderShipments, type ShipmentView } from './shipments.service.js'
