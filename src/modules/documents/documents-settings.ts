import type { Ctx } from '../../core/ctx.js'
import { ValidationError } from '../../core/errors.js'
import type { SettingsGroups } from '../../core/settings/settings-store.js'
import { DOCUMENT_KINDS, type DocumentKind, FACSIMILE_RULES, type FacsimileRule } from './documents.constants.js'

/** The documents module's settings group: facsimile rules per kind, signing by default, upload size. */
export interface DocumentsSettings {
  facsimile: Record<DocumentKind, FacsimileRule>
  /** Generated documents are marked signed (stamp and signatures printed) where the kind's rule allows. */
  signGenerated: boolean
  /** Largest uploaded PDF in MB (the configured upload limit still applies on top). */
  maxUploadMb: number
}

// Stored as the `documents` group of the settings table; core's typed groups do not list it (core
// knows no module), so the key goes through one cast here.
const GROUP = 'documents' as keyof SettingsGroups

export const DOCUMENTS_DEFAULTS: DocumentsSettings = {
  facsimile: {
    payment_request: 'original',
    delivery_note: 'copy',
    service_act: 'copy',
    reconciliation: 'copy',
    vat_invoice: 'never',
    contract: 'never',
    other: 'never',
  },
  signGenerated: true,
  maxUploadMb: 20,
}

/** The current settings, defaults filled in for anything never saved. */
export async function documentsSettings(ctx: Ctx): Promise<DocumentsSettings> {
  // Core knows no default for this group; the stored part (or nothing) is merged over ours.
  const stored = (await ctx.services.settings.get(GROUP)) as Partial<DocumentsSettings> | undefined
  return {
    ...DOCUMENTS_DEFAULTS,
    ...stored,
    facsimile: { ...DOCUMENTS_DEFAULTS.facsimile, ...stored?.facsimile },
  }
}

/** The largest upload accepted, in bytes: the setting, never above the configured limit. */
export async function uploadMaxBytes(ctx: Ctx): Promise<number> {
  const s = await documentsSettings(ctx)
  return Math.min(s.maxUploadMb * 1024 * 1024, ctx.services.config.maxUploadBytes)
}

export interface DocumentsSettingsForm {
  facsimile: Record<string, string>
  signGenerated: boolean
  maxUploadMb: string
}

/** Saves the facsimile rules; head and admin only. Every rule must be one of the known ones. */
export async function saveDocumentsSettings(ctx: Ctx, form: DocumentsSettingsForm): Promise<DocumentsSettings> {
  ctx.require('documents.configure')
  const errors: Record<string, string> = {}
  const facsimile = { ...DOCUMENTS_DEFAULTS.facsimile }
  for (const kind of DOCUMENT_KINDS) {
    const rule = form.facsimile[kind] ?? ''
    if (!FACSIMILE_RULES.includes(rule as FacsimileRule)) errors[`facsimile_${kind}`] = 'form.invalid_choice'
    else facsimile[kind] = rule as FacsimileRule
  }
  const mb = Number(form.maxUploadMb.trim())
  if (!/^\d{1,4}$/.test(form.maxUploadMb.trim()) || mb < 1) errors.max_upload_mb = 'documents.error.max_upload'
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const after: DocumentsSettings = { facsimile, signGenerated: form.signGenerated, maxUploadMb: mb }
  await ctx.transaction(async (tx) => {
    const before = await documentsSettings(tx)
    await tx.services.settings.put(
      tx.unscoped('settings are not client data'),
      GROUP,
      after as unknown as SettingsGroups[typeof GROUP],
      tx.actor?.id ?? null,
    )
    await tx.audit('documents.settings_changed', { entity: 'settings', entityId: 'documents', before, after })
  })
  ctx.services.settings.invalidate()
  return after
}
