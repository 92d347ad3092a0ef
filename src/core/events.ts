import type { Ctx } from './ctx.js'
import type { EventHandler } from './module.js'

/** In-process domain events; handlers run after the emitting transaction has committed. */
export class EventBus {
  private readonly handlers = new Map<string, { module: string; handler: EventHandler }[]>()

  constructor(private readonly isEnabled: (module: string) => boolean) {}

  on(module: string, event: string, handler: EventHandler): void {
    const list = this.handlers.get(event) ?? []
    list.push({ module, handler })
    this.handlers.set(event, list)
  }

  async dispatch(ctx: Ctx, event: string, payload: Record<string, unknown>): Promise<void> {
    for (const { module, handler } of this.handlers.get(event) ?? []) {
      if (!this.isEnabled(module)) continue
      try {
        await handler(ctx, payload)
      } catch (err) {
        // The emitter's change is committed already; a failing listener must not undo or hide it.
        ctx.services.log.error({ err, event, module }, 'event handler failed')
      }
    }
  }
}
