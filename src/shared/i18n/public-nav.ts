// The public side's frame (shell, first paint): its navigation and the way to the work side.
export const publicNav = {
  'public.nav': '居民导航',
  'public.nav.guides': '法律指南',
  'public.nav.help': '申请调解',
  'public.nav.contacts': '找调解员',
  'public.login': '调解员登录',
  'public.toWork': '回到工作台',
} as const;
