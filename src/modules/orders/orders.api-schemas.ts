import { Type } from 'typebox'
import { PageQuery } from '../../core/api/schemas.js'
import { CREATED_VIA, SHIPMENT_KINDS } from './orders.constants.js'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const NullableInt = Type.Union([Type.Integer(), Type.Null()])

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
const Minor = (description: string) => Type.Integer({ description: `${description}, in minor units` })

export const OrderJson = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  clientName: Type.String(),
  number: Type.String(),
  orderDate: Type.String(),
  contractId: Nullable(Type.String()),
  contractNumber: Nullable(Type.String()),
  status: Type.String({ description: 'A status key of the configured workflow' }),
  statusLabel: Type.String({ description: 'The status in the caller’s language' }),
  open: Type.Boolean({ description: 'A current order (false: archived)' }),
  currency: Type.String(),
  netMinor: Minor('Sum of the priced lines’ net amounts'),
  vatMinor: Minor('Sum of the priced lines’ VAT'),
  totalMinor: Minor('Net plus VAT'),
  isPriced: Type.Boolean({ description: 'Every line has a price (a client’s order waits for the manager’s)' }),
  lineCount: Type.Integer(),
  deliveryAddress: Nullable(Type.String()),
  desiredDate: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  createdVia: literals(CREATED_VIA),
  version: Type.Integer({ description: 'Send it back with a change; a stale one answers 409' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

const LineJson = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  sku: Nullable(Type.String()),
  name: Type.String(),
  quantityMilli: Type.Integer({ description: 'Quantity in thousandths of the unit' }),
  unit: Type.String(),
  unitPriceMinor: NullableInt,
  vatRateBp: Type.Union([Type.Integer({ description: 'Basis points: 27% = 2700' }), Type.Null()]),
  netMinor: NullableInt,
  vatMinor: NullableInt,
  totalMinor: NullableInt,
  shippedMilli: Type.Integer(),
})

const HistoryJson = Type.Object({
  from: Nullable(Type.String()),
  to: Type.String(),
  at: Type.String(),
  by: Nullable(Type.String()),
  comment: Nullable(Type.String({ description: 'Internal comments are never sent to client users' })),
  internal: Type.Optional(Type.Boolean({ description: 'Staff only' })),
})

const ShipmentJson = Type.Object({
  id: Type.String(),
  kind: literals(SHIPMENT_KINDS),
  shippedAt: Type.String(),
  carrier: Nullable(Type.String()),
  trackingNumber: Nullable(Type.String()),
  note: Type.Optional(Nullable(Type.String({ description: 'Staff only' }))),
  currency: Type.String(),
  netMinor: Type.Integer(),
  vatMinor: Type.Integer(),
  totalMinor: Type.Integer(),
  ledgerEntryId: Type.Optional(Nullable(Type.String({ description: 'Staff only' }))),
  documentId: Type.Optional(Nullable(Type.String({ description: 'Staff only' }))),
  lines: Type.Array(
    Type.Object({
      orderLineId: Type.String(),
      quantityMilli: Type.Integer(),
      netMinor: Type.Integer(),
      vatMinor: Type.Integer(),
      totalMinor: Type.Integer(),
    }),
  ),
})

export const OrderDetailJson = Type.Object({
  ...OrderJson.properties,
  lines: Type.Array(LineJson),
  history: Type.Array(HistoryJson),
  shipments: Type.Array(ShipmentJson),
})

const LineInputJson = Type.Object({
  sku: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  name: Type.String({ minLength: 1, maxLength: 300 }),
  quantityMilli: Type.Integer({ minimum: 1, description: 'Quantity in thousandths (1.5 kg = 1500)' }),
  unit: Type.String({ minLength: 1, maxLength: 20 }),
  unitPriceMinor: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Staff only; leave out to price later' }),
  ),
  vatRateBp: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'One of the company’s VAT rates' }),
  ),
})

const orderFields = {
  orderDate: Type.Optional(DateString),
  contractId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  deliveryAddress: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  desiredDate: Type.Optional(Nullable(DateString)),
  comment: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
}

export const CreateBody = Type.Object({
  clientId: Type.Optional(
    Type.String({ maxLength: 64, description: 'Staff: the client; client users order for their own' }),
  ),
  ...orderFields,
  lines: Type.Array(LineInputJson, { minItems: 1, maxItems: 200 }),
})

export const UpdateBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  ...orderFields,
  lines: Type.Optional(Type.Array(LineInputJson, { minItems: 1, maxItems: 200 })),
})

export const StatusBody = Type.Object({
  to: Type.String({ minLength: 1, maxLength: 30 }),
  version: Type.Integer({ minimum: 1 }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
  internal: Type.Optional(Type.Boolean({ description: 'The comment is for staff only' })),
  shipment: Type.Optional(
    Type.Object(
      {
        shippedAt: Type.Optional(DateString),
        carrier: Type.Optional(Type.String({ maxLength: 100 })),
        trackingNumber: Type.Optional(Type.String({ maxLength: 100 })),
        note: Type.Optional(Type.String({ maxLength: 1000 })),
        lines: Type.Optional(
          Type.Array(Type.Object({ lineId: Type.String(), quantityMilli: Type.Integer({ minimum: 0 }) }), {
            maxItems: 200,
          }),
        ),
      },
      { description: 'To shipped/delivered: what leaves (default: everything not yet shipped, today)' },
    ),
  ),
})

export const ListQuery = Type.Object({
  ...PageQuery.properties,
  view: Type.Optional(Type.Union([Type.Literal('current'), Type.Literal('archive')])),
  status: Type.Optional(Type.String({ maxLength: 30 })),
  clientId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
})
