import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type Static, Type } from 'typebox'
import { ErrorJson, IdParams, PageQuery, pageOf } from '../../core/api/schemas.js'
import type { Ctx } from '../../core/ctx.js'
import { ValidationError } from '../../core/errors.js'
import { UploadTooLargeError } from '../../core/files/file-store.js'
import { parseListQuery } from '../../core/http/list-query.js'
import type { ContractInput } from './contract-input.js'
import { contractScanFile, uploadContractScan } from './contract-scan.service.js'
import { changeContractStatus } from './contract-status.service.js'
import { CONTRACT_STATUSES, CONTRACT_TYPES, PARAMETER_TYPES } from './contracts.constants.js'
import { sendScan } from './contracts.http.js'
import {
  CONTRACT_SORTS,
  type ContractView,
  createContract,
  getContract,
  listContracts,
  updateContract,
} from './contracts.service.js'

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' })
const MoneyJson = Type.Object({
  minor: Type.Integer({ description: 'Amount in minor units (cents, fillér, kopecks)' }),
  currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
})
const ParameterJson = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 80 }),
  type: literals(PARAMETER_TYPES),
  value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), MoneyJson], {
    description: 'text: string; number: number; date: YYYY-MM-DD; money: {minor, currency}; boolean: true/false',
  }),
})

const ContractJson = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  clientName: Type.String(),
  number: Type.String(),
  signedOn: Type.String(),
  subject: Type.String(),
  type: literals(CONTRACT_TYPES),
  parameters: Type.Array(ParameterJson),
  amount: Type.Union([MoneyJson, Type.Null()]),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
  status: literals(CONTRACT_STATUSES),
  hasScan: Type.Boolean(),
  issuer: Type.Union([Type.String(), Type.Null()]),
  notes: Type.Optional(Type.String({ description: 'Staff only' })),
  version: Type.Integer({ description: 'Send it back with changes; a stale one answers 409' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

const fields = {
  number: Type.String({ minLength: 1, maxLength: 60 }),
  signedOn: DateString,
  subject: Type.String({ minLength: 1, maxLength: 500 }),
  type: literals(CONTRACT_TYPES),
  parameters: Type.Array(ParameterJson, { maxItems: 30 }),
  amount: Type.Union([MoneyJson, Type.Null()]),
  validFrom: DateString,
  validTo: Type.Union([DateString, Type.Null()]),
  issuer: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  notes: Type.String({ maxLength: 5000 }),
}

const CreateBody = Type.Object({
  clientId: Type.String({ minLength: 1, maxLength: 64 }),
  number: fields.number,
  signedOn: fields.signedOn,
  subject: fields.subject,
  type: fields.type,
  validFrom: fields.validFrom,
  parameters: Type.Optional(fields.parameters),
  amount: Type.Optional(fields.amount),
  validTo: Type.Optional(fields.validTo),
  issuer: Type.Optional(fields.issuer),
  notes: Type.Optional(fields.notes),
})

const UpdateBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  number: Type.Optional(fields.number),
  signedOn: Type.Optional(fields.signedOn),
  subject: Type.Optional(fields.subject),
  type: Type.Optional(fields.type),
  parameters: Type.Optional(fields.parameters),
  amount: Type.Optional(fields.amount),
  validFrom: Type.Optional(fields.validFrom),
  validTo: Type.Optional(fields.validTo),
  issuer: Type.Optional(fields.issuer),
  notes: Type.Optional(fields.notes),
})

const StatusBody = Type.Object({
  to: literals(CONTRACT_STATUSES),
  comment: Type.Optional(Type.String({ maxLength: 1000 })),
  version: Type.Integer({ minimum: 1 }),
})

const ListQuery = Type.Object({
  ...PageQuery.properties,
  status: Type.Optional(literals(CONTRACT_STATUSES)),
  type: Type.Optional(literals(CONTRACT_TYPES)),
  clientId: Type.Optional(Type.String({ maxLength: 64 })),
  endingWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
})

const errors = { 401: ErrorJson, 403: ErrorJson, 404: ErrorJson }
const READ_ANY = { access: 'signed-in' } as const
const MANAGE = { access: { permission: 'contracts.manage' } } as const
const tags = ['contracts']

/** Notes are internal: a client user's API answer leaves them out. */
const toJson = (ctx: Ctx, c: ContractView) => ({
  id: c.id,
  clientId: c.clientId,
  clientName: c.clientName,
  number: c.number,
  signedOn: c.signedOn,
  subject: c.subject,
  type: c.type,
  parameters: c.parameters,
  amount: c.amount,
  validFrom: c.validFrom,
  validTo: c.validTo,
  status: c.status,
  hasScan: c.scanSha256 !== null,
  issuer: c.issuer,
  notes: ctx.actor?.role === 'client' ? undefined : c.notes,
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
})

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id

/** `/api/v1/contracts`: list, read, create, change, move along the workflow, scans. */
export async function contractsApi(app: FastifyInstance) {
  app.get(
    '/',
    {
      config: READ_ANY,
      schema: {
        tags,
        summary: 'Contracts in your scope (client users: their own, drafts excluded)',
        querystring: ListQuery,
        response: { 200: pageOf(ContractJson), ...errors },
      },
    },
    async (req) => {
      // Validation has turned numbers into numbers; the list parser reads strings.
      const raw = Object.fromEntries(
        Object.entries(req.query as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      )
      const lq = parseListQuery(raw, { sortable: CONTRACT_SORTS, defaultSort: 'signed_on', defaultDir: 'desc' })
      const page = await listContracts(req.ctx, lq, {
        status: raw.status,
        type: raw.type,
        clientId: raw.clientId,
        endingWithinDays: raw.endingWithinDays ? Number(raw.endingWithinDays) : undefined,
      })
      return { items: page.rows.map((c) => toJson(req.ctx, c)), total: page.total, page: page.page, per: page.per }
    },
  )

  app.get(
    '/:id',
    {
      config: READ_ANY,
      schema: { tags, summary: 'One contract', params: IdParams, response: { 200: ContractJson, ...errors } },
    },
    async (req) => toJson(req.ctx, await getContract(req.ctx, idOf(req))),
  )

  app.post(
    '/',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Create a contract (as a draft)',
        body: CreateBody,
        response: { 201: ContractJson, 422: ErrorJson, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body as Static<typeof CreateBody>
      const input: ContractInput = {
        number: b.number,
        signedOn: b.signedOn,
        subject: b.subject,
        type: b.type,
        parameters: b.parameters ?? [],
        amount: b.amount ?? null,
        validFrom: b.validFrom,
        validTo: b.validTo ?? null,
        issuer: b.issuer ?? null,
        notes: b.notes ?? '',
      }
      return reply.status(201).send(toJson(req.ctx, await createContract(req.ctx, b.clientId, input)))
    },
  )

  app.patch(
    '/:id',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Change a draft or active contract; send the version you read',
        params: IdParams,
        body: UpdateBody,
        response: { 200: ContractJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const { version, ...changes } = req.body as Static<typeof UpdateBody>
      return toJson(req.ctx, await updateContract(req.ctx, idOf(req), version, changes as Partial<ContractInput>))
    },
  )

  app.post(
    '/:id/status',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Move a contract along its workflow (draft → active → suspended / terminated / expired)',
        params: IdParams,
        body: StatusBody,
        response: { 200: ContractJson, 409: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      const b = req.body as Static<typeof StatusBody>
      return toJson(
        req.ctx,
        await changeContractStatus(req.ctx, idOf(req), b.to, { comment: b.comment, version: b.version }),
      )
    },
  )

  app.post(
    '/:id/scan',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: 'Upload the signed scan (multipart/form-data, one PDF file)',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 200: ContractJson, 413: ErrorJson, 422: ErrorJson, ...errors },
      },
    },
    async (req) => {
      // Out of scope answers 404 before a byte of the upload is read.
      const contract = await getContract(req.ctx, idOf(req))
      const part = req.isMultipart() ? await req.file() : undefined
      if (!part?.filename) {
        part?.file.resume()
        throw new ValidationError({ scan: 'contracts.scan_required' })
      }
      try {
        return toJson(req.ctx, await uploadContractScan(req.ctx, contract.id, part.file))
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new UploadTooLargeError('scan')
        throw err
      }
    },
  )

  app.get(
    '/:id/scan',
    {
      config: READ_ANY,
      schema: { tags, summary: 'Download the signed scan (PDF)', params: IdParams, response: errors },
    },
    async (req, reply) => sendScan(reply, await contractScanFile(req.ctx, idOf(req))),
  )
}
