import type { FastifyInstance } from 'fastify'

export async function companyUsersRoutes(_app: FastifyInstance) {}
