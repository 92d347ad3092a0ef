import type { Readable } from 'node:stream'
import type { Ctx } from '../../core/ctx.js'
import { newId, nowIso } from '../../core/db/ids.js'
import { NotFoundError, ValidationError } from '../../core/errors.js'
import {
  IMAGE_MAX_BYTES,
  IMAGE_TYPES,
  type IssuerImageKind,
  SIGNER_ROLES,
  type SignerRole,
  VAT_STATUSES,
  type VatStatus,
} from './documents.constants.js'
import type { IssuerRow, SignerRow } from './documents.schema.js'

export interface IssuerBankAccount {
  bankName: string
  account: string
  bic: string
  currency: string
}

export interface IssuerView {
  id: string
  name: string
  taxId: string
  address: string
  email: string
  phone: string
  vatStatus: VatStatus
  bankAccounts: IssuerBankAccount[]
  numberPrefix: string
  logoSha256: string | null
  stampSha256: string | null
  isDefault: boolean
  isActive: boolean
  version: number
  signers: SignerView[]
}

export interface SignerView {
  id: string
  role: SignerRole
  name: string
  signatureSha256: string | null
}

const toSigner = (s: SignerRow): SignerView => ({
  id: s.id,
  role: s.role,
  name: s.name,
  signatureSha256: s.signature_sha256,
})

function toIssuer(r: IssuerRow, signers: SignerRow[]): IssuerView {
  let bankAccounts: IssuerBankAccount[] = []
  try {
    bankAccounts = JSON.parse(r.bank_accounts_json) as IssuerBankAccount[]
  } catch {
    bankAccounts = []
  }
  return {
    id: r.id,
    name: r.name,
    taxId: r.tax_id,
    address: r.address,
    email: r.email,
    phone: r.phone,
    vatStatus: r.vat_status,
    bankAccounts,
    numberPrefix: r.number_prefix,
    logoSha256: r.logo_sha256,
    stampSha256: r.stamp_sha256,
    isDefault: r.is_default === 1,
    isActive: r.is_active === 1,
    version: Number(r.version),
    signers: signers.filter((s) => s.issuer_id === r.id).map(toSigner),
  }
}

async function signersOf(ctx: Ctx, issuerIds: string[]): Promise<SignerRow[]> {
  if (issuerIds.length === 0) return []
  return ctx.db
    .selectFrom('document_signers')
    .selectAll()
    .where('issuer_id', 'in', issuerIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** Every issuer, the default first; seeds the default from the company settings on first use. */
export async function listIssuers(ctx: Ctx): Promise<IssuerView[]> {
  await defaultIssuer(ctx)
  const rows = await ctx.db
    .selectFrom('document_issuers')
    .selectAll()
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .limit(500)
    .execute()
  const signers = await signersOf(
    ctx,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toIssuer(r, signers))
}

/** One issuer with its signers, or NotFoundError. */
export async function getIssuer(ctx: Ctx, id: string): Promise<IssuerView> {
  const row = await ctx.db.selectFrom('document_issuers').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new NotFoundError('issuer')
  return toIssuer(row, await signersOf(ctx, [id]))
}

/**
 * The default issuer. On first use it is made from the company settings (details, bank accounts,
 * logo, stamp, and the signature as the director's), so documents work before anyone opens the
 * issuers page; a concurrent first use finds the row the other made.
 */
export async function defaultIssuer(ctx: Ctx): Promise<IssuerView> {
  const find = () =>
    ctx.db
      .selectFrom('document_issuers')
      .selectAll()
      .where('is_default', '=', 1)
      .orderBy('created_at')
      .executeTakeFirst()
  let row = await find()
  if (!row) {
    const anyRow = await ctx.db.selectFrom('document_issuers').select('id').executeTakeFirst()
    if (!anyRow) await seedFromCompany(ctx)
    row =
      (await find()) ??
      (await ctx.db.selectFrom('document_issuers').selectAll().orderBy('created_at').executeTakeFirst())
  }
  if (!row) throw new NotFoundError('issuer')
  return toIssuer(row, await signersOf(ctx, [row.id]))
}

async function seedFromCompany(ctx: Ctx): Promise<void> {
  const company = await ctx.services.settings.get('company')
  const now = nowIso()
  const id = newId()
  await ctx.transaction(async (tx) => {
    // A system step of the module, whoever happens to trigger it (a client opening a PDF included).
    const db = tx.unscoped('seed the default issuer from the company settings')
    const exists = await db.selectFrom('document_issuers').select('id').executeTakeFirst()
    if (exists) return
    await db
      .insertInto('document_issuers')
      .values({
        id,
        name: company.legalName,
        tax_id: company.taxId,
        address: company.address,
        email: company.email,
        phone: company.phone,
        vat_status: 'payer',
        bank_accounts_json: JSON.stringify(company.bankAccounts),
        number_prefix: '',
        logo_sha256: company.logo?.sha256 ?? null,
        stamp_sha256: company.stamp?.sha256 ?? null,
        is_default: 1,
        is_active: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute()
    if (company.signature) {
      await db
        .insertInto('document_signers')
        .values({
          id: newId(),
          issuer_id: id,
          role: 'director',
          name: '',
          signature_sha256: company.signature.sha256,
          created_at: now,
        })
        .execute()
    }
    await tx.audit('document_issuer.seeded', {
      entity: 'document_issuer',
      entityId: id,
      after: { name: company.legalName },
    })
  })
}

export interface IssuerInput {
  name: string
  taxId: string
  address: string
  email: string
  phone: string
  vatStatus: string
  bankAccounts: IssuerBankAccount[]
  numberPrefix: string
  isDefault: boolean
  isActive: boolean
}

function checkIssuer(input: IssuerInput): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!input.name.trim()) errors.name = 'form.required'
  if (input.name.length > 200) errors.name = 'documents.error.too_long'
  if (!VAT_STATUSES.includes(input.vatStatus as VatStatus)) errors.vat_status = 'form.invalid_choice'
  if (!/^[\p{L}\p{N}/_.-]{0,12}$/u.test(input.numberPrefix)) errors.number_prefix = 'documents.error.prefix'
  if (input.email && !/^[^\s@]+@[^\s@]+$/.test(input.email)) errors.email = 'documents.error.email'
  input.bankAccounts.forEach((a, i) => {
    if (!a.account.trim()) errors[`bank_account_${i}`] = 'form.required'
    if (a.currency && !/^[A-Z]{3}$/.test(a.currency)) errors[`bank_currency_${i}`] = 'documents.error.currency'
  })
  if (input.isDefault && !input.isActive) errors.is_active = 'documents.error.default_active'
  return errors
}

/** Creates (id null) or updates an issuer; head and admin only. One issuer is the default. */
export async function saveIssuer(
  ctx: Ctx,
  id: string | null,
  input: IssuerInput,
  version?: number,
): Promise<IssuerView> {
  ctx.require('documents.configure')
  const errors = checkIssuer(input)
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const now = nowIso()
  const values = {
    name: input.name.trim(),
    tax_id: input.taxId.trim(),
    address: input.address.trim(),
    email: input.email.trim(),
    phone: input.phone.trim(),
    vat_status: input.vatStatus as VatStatus,
    bank_accounts_json: JSON.stringify(input.bankAccounts),
    number_prefix: input.numberPrefix,
    is_default: input.isDefault ? (1 as const) : (0 as const),
    is_active: input.isActive ? (1 as const) : (0 as const),
    updated_at: now,
  }
  const savedId = await ctx.transaction(async (tx) => {
    const before = id ? await getIssuer(tx, id) : null
    if (before?.isDefault && !input.isDefault) throw new ValidationError({ is_default: 'documents.error.keep_default' })
    if (before && version !== undefined && before.version !== version) {
      throw new ValidationError({ name: 'documents.error.stale' })
    }
    if (input.isDefault)
      await tx.db.updateTable('document_issuers').set({ is_default: 0 }).where('is_default', '=', 1).execute()
    const target = id ?? newId()
    if (before) {
      await tx.db
        .updateTable('document_issuers')
        .set({ ...values, version: before.version + 1 })
        .where('id', '=', target)
        .execute()
    } else {
      await tx.db.insert('document_issuers', { id: target, ...values, version: 1, created_at: now })
    }
    await tx.audit(before ? 'document_issuer.updated' : 'document_issuer.created', {
      entity: 'document_issuer',
      entityId: target,
      before: before ?? undefined,
      after: values,
    })
    return target
  })
  return getIssuer(ctx, savedId)
}

const storeImage = (ctx: Ctx, source: Readable, field: string) =>
  ctx.services.files.put(ctx.unscoped('stored file metadata is content-addressed'), source, {
    field,
    accept: IMAGE_TYPES,
    maxBytes: IMAGE_MAX_BYTES,
  })

/** Sets an issuer's logo or stamp (PNG or JPEG by content, at most 2 MB); a refused file changes nothing. */
export async function uploadIssuerImage(ctx: Ctx, id: string, kind: IssuerImageKind, source: Readable) {
  try {
    ctx.require('documents.configure')
    await getIssuer(ctx, id)
  } catch (err) {
    source.resume()
    throw err
  }
  const stored = await storeImage(ctx, source, kind)
  const column = kind === 'logo' ? 'logo_sha256' : 'stamp_sha256'
  await ctx.transaction(async (tx) => {
    const before = await getIssuer(tx, id)
    await tx.db
      .updateTable('document_issuers')
      .set({ [column]: stored.sha256, updated_at: nowIso() })
      .where('id', '=', id)
      .execute()
    await tx.audit('document_issuer.image_set', {
      entity: 'document_issuer',
      entityId: id,
      before: { [kind]: kind === 'logo' ? before.logoSha256 : before.stampSha256 },
      after: { [kind]: stored.sha256, size: stored.size },
    })
  })
}

/**
 * Adds a signer (director or chief accountant) with an optional signature image; the image is
 * checked and stored before anything is written, so a refused one adds no signer.
 */
export async function addSigner(
  ctx: Ctx,
  issuerId: string,
  input: { role: string; name: string },
  signature: Readable | null,
): Promise<SignerView> {
  const errors: Record<string, string> = {}
  try {
    ctx.require('documents.configure')
    await getIssuer(ctx, issuerId)
    if (!SIGNER_ROLES.includes(input.role as SignerRole)) errors.role = 'form.invalid_choice'
    if (!input.name.trim()) errors.name = 'form.required'
    if (input.name.length > 200) errors.name = 'documents.error.too_long'
    if (Object.keys(errors).length) throw new ValidationError(errors)
  } catch (err) {
    signature?.resume()
    throw err
  }
  const stored = signature ? await storeImage(ctx, signature, 'signature') : null
  const row = {
    id: newId(),
    issuer_id: issuerId,
    role: input.role as SignerRole,
    name: input.name.trim(),
    signature_sha256: stored?.sha256 ?? null,
    created_at: nowIso(),
  }
  await ctx.transaction(async (tx) => {
    await tx.db.insert('document_signers', row)
    await tx.audit('document_signer.added', { entity: 'document_issuer', entityId: issuerId, after: row })
  })
  return toSigner(row)
}

/** Removes a signer; documents signed earlier keep the image they were printed with. */
export async function removeSigner(ctx: Ctx, issuerId: string, signerId: string): Promise<void> {
  ctx.require('documents.configure')
  const issuer = await getIssuer(ctx, issuerId)
  const signer = issuer.signers.find((s) => s.id === signerId)
  if (!signer) throw new NotFoundError('signer')
  await ctx.transaction(async (tx) => {
    await tx.db.deleteFrom('document_signers').where('id', '=', signerId).execute()
    await tx.audit('document_signer.removed', { entity: 'document_issuer', entityId: issuerId, before: signer })
  })
}

/** The stored image of an issuer (logo, stamp) or of one of its signers, for the settings preview. */
export async function issuerImage(ctx: Ctx, issuerId: string, what: string): Promise<string> {
  ctx.require('documents.configure')
  const issuer = await getIssuer(ctx, issuerId)
  const sha =
    what === 'logo'
      ? issuer.logoSha256
      : what === 'stamp'
        ? issuer.stampSha256
        : (issuer.signers.find((s) => s.id === what)?.signatureSha256 ?? null)
  if (!sha) throw new NotFoundError('image')
  return sha
}

/**
 * The issuer that speaks to a client: the one its newest active contract names (when the
 * contracts module is on and a link is set), otherwise the default.
 */
export async function issuerForClient(ctx: Ctx, clientId: string): Promise<IssuerView> {
  if (ctx.services.isEnabled('contracts')) {
    const linked = await ctx.db
      .selectFrom('document_contract_issuers')
      .innerJoin('contracts', 'contracts.id', 'document_contract_issuers.contract_id')
      .innerJoin('document_issuers', 'document_issuers.id', 'document_contract_issuers.issuer_id')
      .select('document_contract_issuers.issuer_id')
      .where('document_contract_issuers.client_id', '=', clientId)
      .where('contracts.status', '=', 'active')
      .where('document_issuers.is_active', '=', 1)
      .orderBy('contracts.signed_on', 'desc')
      .executeTakeFirst()
    if (linked) return getIssuer(ctx, linked.issuer_id)
  }
  return defaultIssuer(ctx)
}

/** The stored image's path and type, for the settings preview (head and admin). */
export async function issuerImageFile(
  ctx: Ctx,
  issuerId: string,
  what: string,
): Promise<{ path: string; mime: string }> {
  const sha = await issuerImage(ctx, issuerId, what)
  const stored = await ctx
    .unscoped('stored file metadata is content-addressed')
    .selectFrom('stored_files')
    .select('mime')
    .where('sha256', '=', sha)
    .executeTakeFirst()
  return { path: ctx.services.files.pathOf(sha), mime: stored?.mime ?? 'image/png' }
}
