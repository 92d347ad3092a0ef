import type { FastifyReply, FastifyRequest } from 'fastify'

export interface Flash {
  kind: 'success' | 'error' | 'info'
  text: string
}

export const FLASH_COOKIE = 'kabinet_flash'

/** Leaves a message for the next page the user sees (after a redirect). */
export function setFlash(reply: FastifyReply, kind: Flash['kind'], text: string): void {
  reply.setCookie(FLASH_COOKIE, JSON.stringify({ kind, text: text.slice(0, 500) }), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    maxAge: 60,
  })
}

export function readFlash(req: FastifyRequest): Flash | null {
  const raw = req.cookies[FLASH_COOKIE]
  if (!raw) return null
  const un = req.unsignCookie(raw)
  if (!un.valid || !un.value) return null
  try {
    const parsed = JSON.parse(un.value) as Flash
    if (!['success', 'error', 'info'].includes(parsed.kind) || typeof parsed.text !== 'string') return null
    return parsed
  } catch {
    return null
  }
}

export function clearFlash(reply: FastifyReply): void {
  reply.clearCookie(FLASH_COOKIE, { path: '/' })
}
