import type { Ctx } from '../../core/ctx.js'
import { newId } from '../../core/db/ids.js'
import type { DemoWorld } from '../../core/module.js'
import type { ContractStatus, ContractType } from './contracts.constants.js'
import type { ContractStatusChangeTable, NewContract } from './contracts.schema.js'
import { addDays, companySettings, companyToday } from './contracts.service.js'
import {
  CURRENCY,
  type DemoGroup,
  demoAmount,
  demoParameters,
  demoScanPdf,
  NUMBER_PREFIX,
  SUBJECTS,
} from './contracts-demo-data.js'

// One contract story per slot, cycled over all clients: every status, a few ending within 30 days, a few expired.
const STORIES = [
  'active',
  'active',
  'draft',
  'expired',
  'framework',
  'suspended',
  'terminated',
  'active',
  'ending',
  'expired',
  'active',
  'draft',
] as const
type Story = (typeof STORIES)[number]
const TYPES: ContractType[] = ['supply', 'services', 'lease', 'agency', 'other']

const COMMENTS: Record<DemoGroup, { suspended: string; terminated: string }> = {
  hu: { suspended: 'Fizetési késedelem miatt felfüggesztve', terminated: 'Közös megegyezéssel megszüntetve' },
  ru: { suspended: 'Приостановлен из-за просрочки оплаты', terminated: 'Расторгнут по соглашению сторон' },
  en: { suspended: 'Suspended over overdue payments', terminated: 'Terminated by mutual agreement' },
}

interface Plan {
  clientId: string
  managerId: string | null
  group: DemoGroup
  story: Story
  type: ContractType
  signedOn: string
  validFrom: string
  validTo: string | null
  /** Status changes after the creation: [to, date, comment, by system]. */
  changes: [ContractStatus, string, string | null, boolean][]
}

function plan(story: Story, k: number, today: string, r: () => number): Omit<Plan, 'clientId' | 'managerId' | 'group'> {
  const ago = (min: number, max: number) => addDays(today, -(min + Math.floor(r() * (max - min))))
  const type: ContractType = story === 'framework' ? 'framework' : (TYPES[k % TYPES.length] as ContractType)
  switch (story) {
    case 'draft': {
      const validFrom = addDays(today, 5 + Math.floor(r() * 25))
      return { story, type, signedOn: ago(0, 15), validFrom, validTo: addDays(validFrom, 364), changes: [] }
    }
    case 'ending': {
      const signedOn = ago(330, 360)
      return {
        story,
        type,
        signedOn,
        validFrom: signedOn,
        validTo: addDays(today, 3 + Math.floor(r() * 25)),
        changes: [['active', signedOn, null, false]],
      }
    }
    case 'expired': {
      // Six-month terms, so even these were signed within the past year.
      const validTo = ago(5, 150)
      const validFrom = addDays(validTo, -182)
      const signedOn = addDays(validFrom, -Math.floor(r() * 10))
      return {
        story,
        type,
        signedOn,
        validFrom,
        validTo,
        changes: [
          ['active', signedOn, null, false],
          ['expired', addDays(validTo, 1), null, true],
        ],
      }
    }
    case 'framework': {
      const signedOn = ago(60, 360)
      return { story, type, signedOn, validFrom: signedOn, validTo: null, changes: [['active', signedOn, null, false]] }
    }
    case 'suspended':
    case 'terminated': {
      const signedOn = ago(120, 360)
      return {
        story,
        type,
        signedOn,
        validFrom: signedOn,
        validTo: addDays(signedOn, 729),
        changes: [
          ['active', signedOn, null, false],
          [story, ago(5, 90), '', false],
        ],
      }
    }
    default: {
      const signedOn = ago(30, 360)
      return {
        story,
        type,
        signedOn,
        validFrom: signedOn,
        validTo: k % 3 === 0 ? null : addDays(signedOn, 729),
        changes: [['active', signedOn, null, false]],
      }
    }
  }
}

/** Demo contracts for every demo client: 2–4 each, numbered per language group and year, with history and scans. */
export async function contractsDemo(ctx: Ctx, world: DemoWorld): Promise<void> {
  const raw = ctx.unscoped('demo data')
  const today = await companyToday(ctx)
  const company = await companySettings(ctx)
  const clients = await raw
    .selectFrom('clients')
    .select(['id', 'manager_id'])
    .where('id', 'in', world.clientIds)
    .execute()
  const users = await raw
    .selectFrom('users')
    .select(['id', 'locale'])
    .where('client_id', 'in', world.clientIds)
    .execute()
  const localeOf = new Map(users.map((u) => [u.id, u.locale]))
  const plans: Plan[] = []
  let k = 0
  for (const clientId of world.clientIds) {
    const client = clients.find((c) => c.id === clientId)
    const locale = localeOf.get(world.clientUserIds[clientId]?.[0] ?? '')
    const group: DemoGroup = locale === 'hu' || locale === 'ru' ? locale : 'en'
    const count = 2 + Math.floor(world.random() * 3)
    for (let j = 0; j < count; j++, k++) {
      plans.push({
        clientId,
        managerId: client?.manager_id ?? null,
        group,
        ...plan(STORIES[k % STORIES.length] as Story, k, today, world.random),
      })
    }
  }
  // Numbers follow the signing order within each prefix and year, as a real register would.
  plans.sort((a, b) => a.signedOn.localeCompare(b.signedOn))
  const seq = new Map<string, number>()
  const contracts: NewContract[] = []
  const changes: ContractStatusChangeTable[] = []
  for (const p of plans) {
    const year = p.signedOn.slice(0, 4)
    const key = `${NUMBER_PREFIX[p.group]}-${year}`
    const n = (seq.get(key) ?? 0) + 1
    seq.set(key, n)
    const number = `${key}/${String(n).padStart(3, '0')}`
    const id = newId()
    const createdAt = `${addDays(p.signedOn, -3)}T08:30:00.000Z`
    const by = p.managerId ?? world.headId
    changes.push({
      id: newId(),
      client_id: p.clientId,
      contract_id: id,
      from_status: null,
      to_status: 'draft',
      changed_by: by,
      changed_at: createdAt,
      comment: null,
    })
    let status: ContractStatus = 'draft'
    let updatedAt = createdAt
    for (const [to, date, comment, system] of p.changes) {
      updatedAt = system ? `${addDays(date, -1)}T23:05:00.000Z` : `${date}T10:15:00.000Z`
      changes.push({
        id: newId(),
        client_id: p.clientId,
        contract_id: id,
        from_status: status,
        to_status: to,
        changed_by: system ? 'system' : by,
        changed_at: updatedAt,
        comment: comment === '' ? COMMENTS[p.group][to as 'suspended' | 'terminated'] : comment,
      })
      status = to
    }
    const subject = SUBJECTS[p.group][p.type]
    const amount = demoAmount(p.group, p.type, world.random)
    const scan =
      status !== 'draft' && world.random() < 0.6
        ? (await ctx.services.files.putBuffer(raw, demoScanPdf(`Contract ${number}`), 'application/pdf')).sha256
        : null
    contracts.push({
      id,
      client_id: p.clientId,
      number,
      search_text: `${number} ${subject}`.toLowerCase(),
      signed_on: p.signedOn,
      subject,
      type: p.type,
      parameters_json: JSON.stringify(demoParameters(p.group, p.type, world.random, p.validTo)),
      amount_minor: amount?.minor ?? null,
      amount_currency: amount ? CURRENCY[p.group] : null,
      valid_from: p.validFrom,
      valid_to: p.validTo,
      status,
      scan_sha256: scan,
      issuer: company.legalName,
      notes: '',
      version: 1 + p.changes.length,
      created_at: createdAt,
      updated_at: updatedAt,
      created_by: by,
    })
  }
  for (let i = 0; i < contracts.length; i += 200)
    await raw
      .insertInto('contracts')
      .values(contracts.slice(i, i + 200))
      .execute()
  for (let i = 0; i < changes.length; i += 200) {
    await raw
      .insertInto('contract_status_changes')
      .values(changes.slice(i, i + 200))
      .execute()
  }
}
