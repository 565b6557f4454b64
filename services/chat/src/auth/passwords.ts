// Agent passwords: argon2id with the library's defaults (OWASP-level memory cost).
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the e-mail is unknown keeps the answer time the same, so that
// timing does not reveal which e-mails have accounts.
export const DUMMY_HASH = await hash('smartchat-dummy-password');
