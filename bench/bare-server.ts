// The bare route every scenario is compared with: a Fastify server with no plugins answering
// GET /bare with "ok", in its own process on the same Node and loader as Kabinet (tsx), so the ratio
// shows what Kabinet's plugins, session lookup, queries and rendering cost on top of Fastify itself.
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/bare', async () => 'ok')
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
const address = app.server.address()
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`)
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)))
