import { type Algorithm, hash, verify } from '@node-rs/argon2'

// 2 is Argon2id in the binding's const enum, which isolated modules cannot read.
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 }

export const MIN_PASSWORD_LENGTH = 10

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS)

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Unknown users are checked against a throwaway hash so timing does not tell who exists.
  const target = stored ?? (await dummyHash())
  try {
    const ok = await verify(target, password)
    return stored !== null && ok
  } catch {
    return false
  }
}

let dummy: Promise<string> | null = null
const dummyHash = () => {
  dummy ??= hashPassword('not a real password, only spends the same time')
  return dummy
}

/** A message key when the password is not acceptable, else null. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'auth.password_too_short'
  if (password.length > 200) return 'auth.password_too_long'
  if (email && password.toLowerCase() === email.toLowerCase()) return 'auth.password_is_email'
  return null
}
