import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { ErrorJson } from './schemas.js'

export const MeJson = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    name: Type.String(),
    role: Type.Union([Type.Literal('client'), Type.Literal('manager'), Type.Literal('head'), Type.Literal('admin')]),
    clientId: Type.Union([Type.String(), Type.Null()]),
    locale: Type.String(),
  },
  { $id: 'Me' },
)

/** `GET /api/v1/me`: who the caller is. Its shape is a published contract. */
export async function meApi(app: FastifyInstance) {
  app.get(
    '/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'The signed-in user',
        response: { 200: MeJson, 401: ErrorJson },
      },
    },
    async (req) => {
      const a = req.actor as NonNullable<typeof req.actor>
      return { id: a.id, email: a.email, name: a.name, role: a.role, clientId: a.clientId, locale: req.locale }
    },
  )
}
