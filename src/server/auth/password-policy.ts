// The server's last word on a new password (issue #12): the shared schemas already ask for 10
// characters and not the username (the device says so before sending); here it must also not be
// one of the ~49,000 most common passwords of @zxcvbn-ts/language-common, a maintained list kept
// on the server so the phone's bundle does not carry it.
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN, passwordIsUsername } from '../../shared/accounts-api.ts';
import { ApiError } from '../http/errors.ts';

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] ?? []).map((p) => String(p).toLowerCase()));
  return common;
}

/** Why `password` may not be set for `username`, as a catalogue key; undefined when it may. */
export function weakPasswordReason(password: string, username: string): 'account.password.short' | 'account.password.username' | 'account.password.common' | undefined {
  if (password.length < PASSWORD_MIN) return 'account.password.short';
  if (passwordIsUsername(password, username)) return 'account.password.username';
  if (commonPasswords().has(password.toLowerCase())) return 'account.password.common';
  return undefined;
}

/** Throws 400 with the reason's Chinese message when `password` is too weak. */
export function assertStrongPassword(password: string, username: string): void {
  const reason = weakPasswordReason(password, username);
  if (reason) throw new ApiError(400, reason);
}
