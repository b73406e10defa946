// The public side (residents, no account): its navigation, the public home, a resident's own
// requests and their states, and the amount reader's words. Loaded with the later sections.
export const publicSide = {
  'help.form.secret.invalid': '这份申请的凭据不对，请重新提交',
  'requests.status.notFound': '查不到这份申请的进展，可能已被删除',
  'requests.status.rateLimited': '查询太频繁了，请过一会儿再试',
} as const;
