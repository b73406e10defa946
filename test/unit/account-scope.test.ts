// Who may manage whom (shared/accounts-api.ts): the rule the server enforces and the 账号 screen
// uses to offer only the roles an account can create.
import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { canManage, manageableRoles, NewAccountSchema, type AccountRole } from '../../src/shared/accounts-api.ts';

const admin = { role: 'admin', scope: '' } as const;
const county = { role: 'county', scope: '150523' } as const;
const town = { role: 'town', scope: '150523100' } as const;
const mediator = { role: 'mediator', scope: '150523100200' } as const;

const account = (role: AccountRole, scope: string) => ({ role, scope });

describe('canManage', () => {
  test('admin manages every account, including other administrators', () => {
    for (const target of [account('admin', ''), account('county', '150502'), account('town', '150523101'), account('mediator', '150523100200')]) {
      expect(canManage(admin, target)).toBe(true);
    }
  });

  test('county staff manage town offices and mediators of their county only', () => {
    expect(canManage(county, account('town', '150523101'))).toBe(true);
    expect(canManage(county, account('mediator', '150523101200'))).toBe(true);
    expect(canManage(county, account('county', '150523'))).toBe(false);
    expect(canManage(county, account('admin', ''))).toBe(false);
    expect(canManage(county, account('mediator', '150502001001'))).toBe(false);
    expect(canManage(county, account('town', '150502001'))).toBe(false);
  });

  test('town staff manage the mediators of their own villages only', () => {
    expect(canManage(town, account('mediator', '150523100200'))).toBe(true);
    expect(canManage(town, account('mediator', '150523101200'))).toBe(false);
    expect(canManage(town, account('town', '150523100'))).toBe(false);
    expect(canManage(town, account('county', '150523'))).toBe(false);
  });

  test('mediators manage no one, not even their own village', () => {
    expect(manageableRoles('mediator')).toEqual([]);
    expect(canManage(mediator, account('mediator', '150523100200'))).toBe(false);
  });
});

describe('NewAccountSchema', () => {
  const ok = { username: 'wangli', displayName: ' 王丽 ', role: 'mediator', scope: '150523100200', password: 'qingshui-he-7' };
  const firstIssue = (value: unknown) => {
    const result = v.safeParse(NewAccountSchema, value);
    return result.success ? 'ok' : result.issues[0]?.message;
  };

  test('trims the name and accepts a password of 10 characters or more', () => {
    const result = v.safeParse(NewAccountSchema, ok);
    expect(result.success && result.output.displayName).toBe('王丽');
  });

  test('names the field to fix with a catalogue key', () => {
    expect(firstIssue({ ...ok, password: 'qingshui7' })).toBe('account.password.short');
    expect(firstIssue({ ...ok, username: 'ab' })).toBe('account.username.invalid');
    expect(firstIssue({ ...ok, username: '_admin' })).toBe('account.username.invalid');
    expect(firstIssue({ ...ok, displayName: '' })).toBe('account.displayName.required');
    expect(firstIssue({ ...ok, role: 'root' })).toBe('account.role.invalid');
    expect(firstIssue({ ...ok, scope: '1505' })).toBe('account.scope.invalid');
  });
});
