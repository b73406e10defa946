// Accounts as the 账号 screen and the server share them: who may manage whom, the request bodies
// (checked by the same valibot schemas on the device and the server) and the list the server
// sends. Issue messages are catalogue keys, so a refused field reads the same on both sides.
import * as v from 'valibot';
import { isWithin } from './areas.ts';

export const accountRoles = ['mediator', 'town', 'county', 'admin'] as const;
export type AccountRole = (typeof accountRoles)[number];

/** Digits of the scope code of each role: a mediator's village, a town, a county; '' for admin. */
export const roleScopeLength: Record<AccountRole, number> = { mediator: 12, town: 9, county: 6, admin: 0 };

/**
 * The roles an account may create and manage. County staff run the town offices and the
 * mediators of their county; town staff run the mediators of their villages; mediators none.
 * Nobody manages their peers: a second county account is the administrator's to make.
 */
export function manageableRoles(role: AccountRole): readonly AccountRole[] {
  switch (role) {
    case 'admin':
      return accountRoles;
    case 'county':
      return ['town', 'mediator'];
    case 'town':
      return ['mediator'];
    case 'mediator':
      return [];
  }
}

/** Whether an account (role, scope) may manage the account `target`. */
export function canManage(actor: { role: AccountRole; scope: string }, target: { role: AccountRole; scope: string }): boolean {
  return manageableRoles(actor.role).includes(target.role) && isWithin(target.scope, actor.scope);
}

export const PASSWORD_MIN = 10;
const PASSWORD_MAX = 128;

const password = v.pipe(
  v.string('account.password.short'),
  v.minLength(PASSWORD_MIN, 'account.password.short'),
  v.maxLength(PASSWORD_MAX, 'account.password.long'),
);

/** A password must not be its account's username, in any case or with the name merely repeated. */
export function passwordIsUsername(password: string, username: string): boolean {
  const p = password.trim().toLowerCase();
  const u = username.trim().toLowerCase();
  return u !== '' && (p === u || p.replaceAll(u, '') === '');
}

export const NewAccountSchema = v.pipe(v.strictObject({
  username: v.pipe(
    v.string('account.username.invalid'),
    v.trim(),
    v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/, 'account.username.invalid'),
  ),
  displayName: v.pipe(v.string('account.displayName.required'), v.trim(), v.minLength(1, 'account.displayName.required'), v.maxLength(40, 'account.displayName.long')),
  role: v.picklist(accountRoles, 'account.role.invalid'),
  scope: v.pipe(v.string('account.scope.invalid'), v.regex(/^(\d{6}|\d{9}|\d{12})?$/, 'account.scope.invalid')),
  password,
  /**
   * A mediator's committees (issue #14), any registered committee in the creator's area. Given,
   * the account's area is the first committee's; absent, the village's own committee, as before.
   */
  committees: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(64))), v.maxLength(10))),
}), v.forward(v.check((a) => !passwordIsUsername(a.password, a.username), 'account.password.username'), ['password']));
export type NewAccount = v.InferOutput<typeof NewAccountSchema>;

export const ResetPasswordSchema = v.strictObject({ password });

/** Changing one's own password: by username, so a one-time password can be replaced before any session exists. */
export const ChangePasswordSchema = v.pipe(v.strictObject({
  username: v.pipe(v.string(), v.trim(), v.minLength(1, 'login.username.required'), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1, 'login.password.required'), v.maxLength(256)),
  newPassword: password,
}), v.forward(v.check((a) => !passwordIsUsername(a.newPassword, a.username), 'account.password.username'), ['newPassword']));

export const ACCOUNTS_PATH = '/api/accounts';
export const CHANGE_PASSWORD_PATH = '/api/auth/password';
export const accountActionPath = (id: string, action: 'password' | 'disable' | 'enable'): string => `${ACCOUNTS_PATH}/${id}/${action}`;

export interface AccountSummary {
  id: string;
  username: string;
  displayName: string;
  role: AccountRole;
  scope: string;
  /** The area's name ('' for an administrator). */
  areaName: string;
  disabled: boolean;
  /** Must replace a password someone else set before signing in. */
  mustChangePassword: boolean;
  createdAt: string;
  /** The latest session opened, if any. */
  lastSignInAt: string | null;
  /** A mediator's committees by name (issue #14); absent when none is recorded. */
  committees?: string[];
}

/** GET /api/accounts/committees: the committees a new mediator account may join. */
export const ACCOUNT_COMMITTEES_PATH = '/api/accounts/committees';

export interface AccountList {
  accounts: AccountSummary[];
}
