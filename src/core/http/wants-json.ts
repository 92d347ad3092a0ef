import type { FastifyRequest } from 'fastify'

/** API routes and htmx-free JSON callers get JSON errors; browsers get pages. */
export const wantsJson = (req: FastifyRequest): boolean =>
  req.url.startsWith('/api/') ||
  (!req.headers.accept?.includes('text/html') && req.headers['content-type']?.includes('application/json') === true)
