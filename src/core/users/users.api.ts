import type { FastifyInstance } from 'fastify'

export async function usersApi(_app: FastifyInstance) {}
