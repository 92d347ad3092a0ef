import type { Readable } from 'node:stream'
import type { Ctx } from '../../core/ctx.js'
import { nowIso } from '../../core/db/ids.js'
import { NotFoundError } from '../../core/errors.js'
import { SCAN_MAX_BYTES } from './contracts.constants.js'
import { setContractScan } from './contracts.queries.js'
import { type ContractView, getContract } from './contracts.service.js'

/** The largest scan accepted: ours, or the configured upload limit when that is lower. */
export const scanMaxBytes = (ctx: Ctx) => Math.min(SCAN_MAX_BYTES, ctx.services.config.maxUploadBytes)

/**
 * Attaches the signed scan to a contract: a PDF by its content (not its name or claimed type), no
 * larger than the limit. A refused upload stores nothing and leaves the contract as it was.
 */
export async function uploadContractScan(ctx: Ctx, id: string, source: Readable): Promise<ContractView> {
  let contract: ContractView
  try {
    ctx.require('contracts.manage')
    contract = await getContract(ctx, id)
  } catch (err) {
    source.resume()
    throw err
  }
  // The file streams in before the transaction opens: on SQLite an open transaction holds the one
  // connection, and a slow upload must not stall every other request. `stored_files` is
  // content-addressed metadata, not client data; the contract row below is what binds it to a client.
  const stored = await ctx.services.files.put(ctx.unscoped('stored file metadata is content-addressed'), source, {
    field: 'scan',
    accept: ['application/pdf'],
    maxBytes: scanMaxBytes(ctx),
  })
  await ctx.transaction(async (tx) => {
    // No version guard: a scan does not overwrite anything an editor typed meanwhile.
    await setContractScan(tx, contract.id, stored.sha256, nowIso())
    await tx.audit('contract.scan_uploaded', {
      entity: 'contract',
      entityId: contract.id,
      clientId: contract.clientId,
      before: { scan_sha256: contract.scanSha256 },
      after: { scan_sha256: stored.sha256, size: stored.size },
    })
    await tx.emit('contracts.scan_uploaded', { contractId: contract.id, clientId: contract.clientId })
  })
  return getContract(ctx, id)
}

/** A file name safe in a header and on every file system: `contract-SZ-2026-014.pdf`. */
export function scanFileName(number: string): { ascii: string; utf8: string } {
  const base =
    number
      .replace(/[/\\:*?"<>|\s]+/g, '-')
      .replace(/\p{Cc}/gu, '')
      .slice(0, 80) || 'scan'
  const ascii = `contract-${base.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`
  return { ascii, utf8: `contract-${base}.pdf` }
}

/** The signed scan of a contract the caller may read, or NotFoundError when there is none. */
export async function contractScanFile(ctx: Ctx, id: string) {
  const contract = await getContract(ctx, id)
  if (!contract.scanSha256) throw new NotFoundError('scan')
  const path = ctx.services.files.pathOf(contract.scanSha256)
  return { path, sha256: contract.scanSha256, name: scanFileName(contract.number) }
}
