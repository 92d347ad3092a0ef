/** Kinds of contract a company signs with its clients. */
export const CONTRACT_TYPES = ['supply', 'services', 'lease', 'agency', 'framework', 'other'] as const
export type ContractType = (typeof CONTRACT_TYPES)[number]

export const CONTRACT_STATUSES = ['draft', 'active', 'suspended', 'terminated', 'expired'] as const
export type ContractStatus = (typeof CONTRACT_STATUSES)[number]

/**
 * The status workflow: draft → active → suspended / terminated / expired; a suspended contract
 * resumes or ends. Terminated and expired are final. Moving to `expired` also needs the validity
 * to have ended (checked by the service), so it is the job's act or a manager's on/after valid_to.
 */
export const TRANSITIONS: Readonly<Record<ContractStatus, readonly ContractStatus[]>> = {
  draft: ['active'],
  active: ['suspended', 'terminated', 'expired'],
  suspended: ['active', 'terminated', 'expired'],
  terminated: [],
  expired: [],
}

/** Only these statuses may be edited; a suspended or ended contract is a record of what was agreed. */
export const EDITABLE_STATUSES: readonly ContractStatus[] = ['draft', 'active']

/** Statuses whose validity the expiry job watches, and the home page's "ending soon" list. */
export const RUNNING_STATUSES: readonly ContractStatus[] = ['active', 'suspended']

/** Statuses that cannot be undone (the page asks before these). */
export const FINAL_STATUSES: readonly ContractStatus[] = ['terminated', 'expired']

export const PARAMETER_TYPES = ['text', 'number', 'date', 'money', 'boolean'] as const
export type ParameterType = (typeof PARAMETER_TYPES)[number]

/** A typed parameter value: text and dates as strings, numbers, money in minor units, flags. */
export type ParameterValue = string | number | boolean | { minor: number; currency: string }

export interface ContractParameter {
  key: string
  type: ParameterType
  value: ParameterValue
}

export const MAX_PARAMETERS = 30
export const MAX_PARAMETER_KEY = 80
export const MAX_PARAMETER_TEXT = 500

/** The home page lists contracts ending within this many days (to become a setting later). */
export const ENDING_SOON_DAYS = 30

/** Upper bound of a contract scan; the configured upload limit applies when it is lower. */
export const SCAN_MAX_BYTES = 20 * 1024 * 1024
