// The 账号 screen's calls (an online feature: accounts live on the server only) and the password
// change every account has. Errors come back as the sync client's ApiError with the server's
// stable code and Chinese message.
import { ApiError, createApiClient } from '../sync/http.ts';
import { session } from './session.ts';
import type { CommitteeRef } from '../shared/committee-area.ts';
import {
  ACCOUNTS_PATH, ACCOUNT_COMMITTEES_PATH, CHANGE_PASSWORD_PATH, accountActionPath,
  type AccountList, type AccountSummary, type NewAccount,
} from '../shared/accounts-api.ts';

const token = () => session.value?.token;
const api = () => createApiClient(fetch.bind(globalThis), '', token);


/** The committees in the staff member's area a new mediator may join (issue #14). */
export async function fetchAccountCommittees(): Promise<CommitteeRef[]> {
  return (await api().get<{ committees: CommitteeRef[] }>(ACCOUNT_COMMITTEES_PATH)).committees;
}

export async function fetchAccounts(): Promise<AccountSummary[]> {
  return (await api().get<AccountList>(ACCOUNTS_PATH)).accounts;
}

export async function createAccount(account: NewAccount): Promise<AccountSummary> {
  return (await api().post<{ account: AccountSummary }>(ACCOUNTS_PATH, account)).account;
}

export async function resetAccountPassword(id: string, password: string): Promise<AccountSummary> {
  return (await api().post<{ account: AccountSummary }>(accountActionPath(id, 'password'), { password })).account;
}

export async function setAccountDisabled(id: string, disabled: boolean): Promise<AccountSummary> {
  return (await api().post<{ account: AccountSummary }>(accountActionPath(id, disabled ? 'disable' : 'enable'), {})).account;
}

/** Replaces the account's password; works signed in or with a one-time password before sign-in. */
export async function changePassword(username: string, password: string, newPassword: string): Promise<void> {
  await api().post(CHANGE_PASSWORD_PATH, { username, password, newPassword });
}

export interface AreaOption {
  code: string;
  name: string;
}

/** One level of the area tree (GET /api/areas), for choosing an account's area. */
export async function fetchAreaChildren(parent: string): Promise<AreaOption[]> {
  const { areas } = await api().get<{ areas: AreaOption[] }>(`/api/areas${parent ? `?parent=${parent}` : ''}`);
  return areas.map((a) => ({ code: a.code, name: a.name }));
}
