import type { Ctx } from '../../core/ctx.js'
import { newId } from '../../core/db/ids.js'
import { dateInZone } from '../../core/i18n/format.js'
import type { DemoWorld } from '../../core/module.js'
import { DEMO_TEXTS, demoLanguage } from './contacts.demo-texts.js'
import type { Channel, ContactLogPersonTable, ContactLogRow, Direction } from './contacts.schema.js'
import { localToUtc } from './zoned-time.js'

// The demo company's zone (set by the demo loader); settings cannot be read back mid-transaction.
const DEMO_TZ = 'Europe/Budapest'
const DAY_MS = 24 * 3600 * 1000
// Due dates, relative to today, of the open next steps each manager gets: overdue, today, soon.
const OPEN_DUE_OFFSETS = [-9, -2, 0, 1, 4, 10]

const DURATION: Record<Channel, [number, number] | null> = {
  call: [5, 40],
  meeting: [30, 120],
  visit: [60, 180],
  email: null,
  message: null,
}

const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** A year of contact log for the demo clients: 4–12 entries each, and open next steps per manager. */
export async function contactsDemo(ctx: Ctx, world: DemoWorld): Promise<void> {
  const db = ctx.unscoped('demo: contact log')
  const rnd = world.random
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T
  const between = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
  const today = dateInZone(new Date(), DEMO_TZ)
  const at = (date: string) =>
    localToUtc(
      `${date}T${String(between(8, 17)).padStart(2, '0')}:${String(between(0, 11) * 5).padStart(2, '0')}`,
      DEMO_TZ,
    ) as string

  const clients = await db
    .selectFrom('clients')
    .select(['id', 'manager_id'])
    .where('id', 'in', world.clientIds)
    .execute()
  const managerOf = new Map(clients.map((c) => [c.id, c.manager_id ?? world.headId]))
  const persons = await db
    .selectFrom('contact_persons')
    .select(['id', 'client_id'])
    .where('client_id', 'in', world.clientIds)
    .execute()
  const openCount = new Map<string, number>()
  const rows: ContactLogRow[] = []
  const links: ContactLogPersonTable[] = []

  for (const [index, clientId] of world.clientIds.entries()) {
    const manager = managerOf.get(clientId) ?? world.headId
    const texts = DEMO_TEXTS[demoLanguage(index)]
    const own = persons.filter((p) => p.client_id === clientId)
    const n = between(4, 12)
    // The newest entry of a manager's first clients keeps its next step open, due around today.
    const k = openCount.get(manager) ?? 0
    const openDue = k < OPEN_DUE_OFFSETS.length ? shiftDate(today, OPEN_DUE_OFFSETS[k] as number) : null
    if (openDue) openCount.set(manager, k + 1)
    const newestAgo = openDue ? Math.max(1, -(OPEN_DUE_OFFSETS[k] as number) + between(2, 8)) : 1
    const days = Array.from({ length: n - 1 }, () => between(newestAgo + 1, 365)).sort((a, b) => b - a)
    days.push(openDue ? newestAgo : between(1, 30))
    if (!openDue) days.sort((a, b) => b - a)
    for (const [i, ago] of days.entries()) {
      const newest = i === n - 1
      const text = newest && openDue ? pick(texts.filter((tx) => tx.next)) : pick(texts)
      const channel = pick(text.channels)
      const direction: Direction =
        channel === 'visit' || channel === 'meeting' ? 'outbound' : rnd() < 0.5 ? 'inbound' : 'outbound'
      const date = shiftDate(today, -ago)
      const occurredAt = at(date)
      const employee = rnd() < 0.1 ? world.headId : manager
      const range = DURATION[channel]
      const open = newest && openDue !== null
      const hasStep = text.next !== null && (open || rnd() < 0.6)
      const due = open ? openDue : hasStep ? shiftDate(date, between(2, 14)) : null
      const doneAt = hasStep && !open ? at(shiftDate(date, between(1, 10))) : null
      const row: ContactLogRow = {
        id: newId(Date.parse(occurredAt)),
        client_id: clientId,
        employee_id: open ? manager : employee,
        channel,
        direction,
        occurred_at: occurredAt,
        duration_minutes: range ? between(range[0], range[1]) : null,
        summary: text.summary,
        outcome: text.outcome,
        next_step: hasStep ? text.next : null,
        next_step_due: hasStep ? due : null,
        next_step_done_at: doneAt,
        next_step_done_by: doneAt ? employee : null,
        created_at: occurredAt,
        updated_at: doneAt ?? occurredAt,
        created_by: open ? manager : employee,
      }
      rows.push(row)
      if (own.length > 0) {
        const chosen = new Set([pick(own).id, ...(rnd() < 0.2 ? [pick(own).id] : [])])
        for (const pid of chosen) links.push({ contact_log_id: row.id, contact_person_id: pid, client_id: clientId })
      }
    }
  }
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('contact_log')
      .values(rows.slice(i, i + 200))
      .execute()
  for (let i = 0; i < links.length; i += 300) {
    await db
      .insertInto('contact_log_persons')
      .values(links.slice(i, i + 300))
      .execute()
  }
}
