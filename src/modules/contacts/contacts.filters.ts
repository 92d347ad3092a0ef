import { isId } from '../../core/db/ids.js'
import { CHANNELS, type Channel, type ContactFilters } from './contacts.schema.js'
import { isPlainDate } from './zoned-time.js'

/** List filters from query parameters; anything malformed is ignored rather than refused. */
export function contactFiltersFrom(params: Record<string, string | undefined>): ContactFilters {
  const id = (v: string | undefined) => (v && isId(v) ? v : undefined)
  const date = (v: string | undefined) => (v && isPlainDate(v) ? v : undefined)
  const channel = CHANNELS.includes(params.channel as Channel) ? (params.channel as Channel) : undefined
  return {
    employeeId: id(params.employee),
    clientId: id(params.client),
    channel,
    from: date(params.from),
    to: date(params.to),
    openOnly: params.open === '1' || params.open === 'true',
  }
}
