import { Type } from 'typebox'
import { ErrorJson, IdParams, PageQuery } from '../../core/api/schemas.js'
import { CLIENT_KINDS, CLIENT_STATUSES, RELATIONSHIP_ROLES, SUPPORT_VISIBILITIES } from './clients.constants.js'

// The published shapes of /api/v1/clients: responses carry only these fields (never search_text).
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const Str = Type.String()
const BankAccountJson = Type.Object({ bankName: Str, account: Str, bic: Str, currency: Str })

const clientProperties = {
  id: Str,
  name: Str,
  shortName: Nullable(Str),
  kind: Type.Enum(CLIENT_KINDS),
  country: Nullable(Str),
  taxId: Nullable(Str),
  kpp: Nullable(Str),
  registrationNumber: Nullable(Str),
  legalAddress: Nullable(Str),
  postalAddress: Nullable(Str),
  phone: Nullable(Str),
  email: Nullable(Str),
  website: Nullable(Str),
  group: Nullable(Str),
  status: Type.Enum(CLIENT_STATUSES),
  tags: Type.Array(Str),
  notes: Nullable(Str),
  bankAccounts: Type.Array(BankAccountJson),
  managerId: Nullable(Str),
  managerName: Nullable(Str),
  createdAt: Str,
}

export const ClientJson = Type.Object({
  ...clientProperties,
  supportVisibility: Type.Enum(SUPPORT_VISIBILITIES),
  updatedAt: Str,
})
export const ClientListItemJson = Type.Object({
  ...clientProperties,
  contactCount: Type.Integer(),
  userCount: Type.Integer(),
})

export const ClientQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(
    Type.Union([Type.Enum(CLIENT_STATUSES), Type.Literal('any')], {
      description: 'Default: every status but archived',
    }),
  ),
  group: Type.Optional(Type.String({ maxLength: 80 })),
  manager: Type.Optional(Type.String({ maxLength: 64, description: "A manager's user id, or 'none'" })),
})

const opt = (max: number) => Type.Optional(Type.String({ maxLength: max }))
const clientBodyProperties = {
  shortName: opt(80),
  kind: Type.Optional(Type.Enum(CLIENT_KINDS)),
  country: opt(2),
  taxId: opt(40),
  kpp: opt(9),
  registrationNumber: opt(60),
  legalAddress: opt(500),
  postalAddress: opt(500),
  phone: opt(40),
  email: opt(254),
  website: opt(300),
  group: opt(80),
  status: Type.Optional(Type.Enum(CLIENT_STATUSES)),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  notes: opt(5000),
  bankAccounts: Type.Optional(
    Type.Array(
      Type.Object(
        { account: Type.String({ maxLength: 60 }), bankName: opt(120), bic: opt(11), currency: opt(3) },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
  ),
}
export const NewClientBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    ...clientBodyProperties,
    managerId: Type.Optional(
      Type.String({ maxLength: 64, description: 'Heads only; a manager always gets its own new clients' }),
    ),
  },
  { additionalProperties: false },
)
export const ClientPatch = Type.Object({ name: opt(200), ...clientBodyProperties }, { additionalProperties: false })

export const ContactPersonJson = Type.Object({
  id: Str,
  clientId: Str,
  name: Str,
  position: Nullable(Str),
  email: Nullable(Str),
  phone: Nullable(Str),
  mobile: Nullable(Str),
  messenger: Nullable(Str),
  relationshipRole: Type.Enum(RELATIONSHIP_ROLES),
  isPrimary: Type.Boolean(),
  notes: Nullable(Str),
  userId: Nullable(Str),
  createdAt: Str,
  updatedAt: Str,
})
const contactBodyProperties = {
  position: opt(120),
  email: opt(254),
  phone: opt(40),
  mobile: opt(40),
  messenger: opt(200),
  relationshipRole: Type.Optional(Type.Enum(RELATIONSHIP_ROLES)),
  isPrimary: Type.Optional(Type.Boolean()),
  notes: opt(2000),
}
export const NewContactBody = Type.Object(
  { name: Type.String({ maxLength: 200 }), ...contactBodyProperties },
  { additionalProperties: false },
)
export const ContactPatch = Type.Object({ name: opt(200), ...contactBodyProperties }, { additionalProperties: false })
export const ContactParams = Type.Object({ id: IdParams.properties.id, contactId: IdParams.properties.id })

export const ERRORS = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 409: ErrorJson, 422: ErrorJson }
