import type { Selectable } from 'kysely'

export type SiteLinkKind = 'client' | 'user'

/** The website's id of a Kabinet client or client user. */
export interface SiteLinkTable {
  kind: SiteLinkKind
  external_id: string
  entity_id: string
  /** The client itself, or the client of the user; null never happens today but keeps staff links possible. */
  client_id: string | null
  created_at: string
  updated_at: string
}

/** A used single-sign-on token id, kept until the token would have expired anyway. */
export interface SiteSsoNonceTable {
  jti: string
  used_at: string
  expires_at: string
}

export type WebhookStatus = 'pending' | 'sending' | 'delivered' | 'failed'

export interface SiteWebhookDeliveryTable {
  id: string
  event: string
  /** The exact request body that is signed and sent. */
  payload_json: string
  url: string
  status: WebhookStatus
  attempts: number
  next_attempt_at: string
  last_status_code: number | null
  last_error: string | null
  created_at: string
  delivered_at: string | null
}

export type SiteLink = Selectable<SiteLinkTable>
export type WebhookDelivery = Selectable<SiteWebhookDeliveryTable>

declare module '../../core/db/database.js' {
  interface Database {
    site_links: SiteLinkTable
    site_sso_nonces: SiteSsoNonceTable
    site_webhook_deliveries: SiteWebhookDeliveryTable
  }
}
