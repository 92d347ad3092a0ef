import type { FastifyInstance } from 'fastify'

export async function auditApi(_app: FastifyInstance) {}
