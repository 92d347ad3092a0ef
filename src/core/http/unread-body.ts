import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * A refused upload is answered before the browser has finished sending it: unless the rest of the
 * body is read and dropped, the kept-alive connection stalls and the browser's next request on it
 * never arrives. Every response checks, so no upload route can forget; a body larger than the
 * upload limit (or of unknown size) closes the connection instead of being read.
 */
export const unreadBody = fp(async (app: FastifyInstance) => {
  const limit = app.services.config.maxUploadBytes
  app.addHook('onSend', async (req, reply, payload) => {
    const raw = req.raw
    if (raw.complete || raw.readableEnded) return payload
    const length = Number(req.headers['content-length'])
    if (!(length <= limit)) reply.header('connection', 'close')
    raw.resume()
    return payload
  })
})
