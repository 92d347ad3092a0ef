import type { FastifyInstance } from 'fastify'
import { NotFoundError } from './errors.js'
import type { ModuleManifest } from './module.js'

/** Mounts a module's pages at `/<prefix>` and its API at `/api/v1/<name>`; both answer 404 while it is off. */
export function mountModule(mod: ModuleManifest) {
  return async function moduleMount(app: FastifyInstance) {
    app.addHook('onRequest', async () => {
      if (!app.services.isEnabled(mod.name)) throw new NotFoundError('module')
    })
    if (mod.pages) await app.register(mod.pages, { prefix: `/${mod.prefix ?? mod.name}` })
    if (mod.api) await app.register(mod.api, { prefix: `/api/v1/${mod.name}` })
  }
}
