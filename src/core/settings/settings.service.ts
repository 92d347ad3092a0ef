import fs from 'node:fs'
import type { Readable } from 'node:stream'
import type { Ctx } from '../ctx.js'
import { NotFoundError, ValidationError } from '../errors.js'
import { type CompanyInput, checkCompanyInput } from './company-form.js'
import { IMAGE_MAX_BYTES, IMAGE_TYPES, type ImageKind } from './company-images.constants.js'
import type { ImageRef, SettingsGroups } from './settings-store.js'

/**
 * Writes one settings group and its audit record in one transaction. The current value is read
 * inside the transaction, so the audit's "before" is what was really replaced.
 */
async function saveGroup<K extends keyof SettingsGroups>(
  ctx: Ctx,
  group: K,
  action: string,
  change: (current: SettingsGroups[K]) => SettingsGroups[K],
  audit: (before: SettingsGroups[K], after: SettingsGroups[K]) => { before: unknown; after: unknown } = (b, a) => ({
    before: b,
    after: a,
  }),
): Promise<SettingsGroups[K]> {
  const store = ctx.services.settings
  const saved = await ctx.transaction(async (tx) => {
    const db = tx.unscoped('settings are company-wide, not client data')
    const before = await store.load(db, group)
    const after = change(before)
    await store.put(db, group, after, tx.actor?.id ?? null)
    await tx.audit(action, { entity: 'settings', entityId: group, ...audit(before, after) })
    return after
  })
  // Re-read after the commit: a read racing the transaction may have cached the old value.
  store.invalidate()
  await store.get(group)
  return saved
}

/** Saves the company details; every field is checked first and a refused form writes nothing. */
export async function saveCompanySettings(ctx: Ctx, input: CompanyInput): Promise<void> {
  ctx.require('settings.manage')
  // Checked against the cached value first so a wrong form never opens a transaction.
  checkCompanyInput(input, await ctx.services.settings.get('company'))
  await saveGroup(ctx, 'company', 'settings.updated', (current) => checkCompanyInput(input, current))
}

/** Turns the "second factor required for head and admin" rule on or off. */
export async function saveSecuritySettings(ctx: Ctx, input: { require2faStaff: boolean }): Promise<void> {
  ctx.require('settings.manage')
  await saveGroup(ctx, 'security', 'settings.updated', (current) => ({
    ...current,
    require2faStaff: input.require2faStaff,
  }))
}

/**
 * Switches modules on and off. Only modules of this build can be named, and a module cannot be
 * switched off while an enabled module depends on it.
 */
export async function saveModuleSettings(ctx: Ctx, enabled: readonly string[]): Promise<void> {
  ctx.require('settings.manage')
  const { modules, config } = ctx.services
  const known = new Set(modules.map((m) => m.name))
  const unknown = enabled.filter((name) => !known.has(name))
  if (unknown.length) throw new ValidationError({ modules: 'form.invalid_choice' })
  // A module off by configuration stays off whatever the form says; it is not the admin's switch.
  const on = new Set(enabled.filter((name) => !config.disabledModules.includes(name)))
  const errors: Record<string, string> = {}
  for (const mod of modules) {
    if (!on.has(mod.name)) continue
    for (const dep of mod.dependsOn ?? []) if (!on.has(dep)) errors[`module_${mod.name}`] = 'settings.module_needs'
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
  const offByConfig = (name: string) => config.disabledModules.includes(name)
  await saveGroup(ctx, 'modules', 'settings.updated', (current) => ({
    ...current,
    // For a module off by configuration the admin's earlier choice is kept for when it comes back.
    disabled: modules
      .map((m) => m.name)
      .filter((name) => (offByConfig(name) ? current.disabled.includes(name) : !on.has(name))),
  }))
}

/**
 * Stores a logo, stamp or signature (PNG or JPEG by content, at most 2 MB) and points the company
 * settings at it. A refused upload leaves nothing stored.
 */
export async function uploadCompanyImage(ctx: Ctx, kind: ImageKind, source: Readable): Promise<ImageRef> {
  ctx.require('settings.manage')
  // The file streams in before the transaction opens: on SQLite an open transaction holds the one
  // connection, and a slow upload must not stall every other request. The blob is content-addressed,
  // so should the settings write fail after it, what remains is an unreferenced copy, never a wrong one.
  const stored = await ctx.services.files.put(ctx.unscoped('file metadata is not client data'), source, {
    field: kind,
    accept: IMAGE_TYPES,
    maxBytes: IMAGE_MAX_BYTES,
  })
  const ref: ImageRef = { sha256: stored.sha256, mime: stored.mime }
  await saveGroup(
    ctx,
    'company',
    'settings.image_uploaded',
    (current) => ({ ...current, [kind]: ref }),
    (before, after) => ({ before: { [kind]: before[kind] }, after: { [kind]: after[kind], size: stored.size } }),
  )
  return ref
}

/** Takes a logo, stamp or signature off the company settings; the stored file stays for old documents. */
export async function removeCompanyImage(ctx: Ctx, kind: ImageKind): Promise<void> {
  ctx.require('settings.manage')
  const current = await ctx.services.settings.get('company')
  if (!current[kind]) return
  await saveGroup(
    ctx,
    'company',
    'settings.image_removed',
    (c) => ({ ...c, [kind]: null }),
    (before, after) => ({ before: { [kind]: before[kind] }, after: { [kind]: after[kind] } }),
  )
}

/** The company image of `kind` with its file path; NotFoundError when none is set or the file is gone. */
export async function companyImageFile(ctx: Ctx, kind: ImageKind): Promise<ImageRef & { path: string }> {
  // The logo is shown on the login page; stamp and signature can sign documents, so staff only.
  if (kind !== 'logo') ctx.require('settings.manage')
  const ref = (await ctx.services.settings.get('company'))[kind]
  if (!ref) throw new NotFoundError('image')
  const path = ctx.services.files.pathOf(ref.sha256)
  if (!fs.existsSync(path)) throw new NotFoundError('image')
  return { ...ref, path }
}
