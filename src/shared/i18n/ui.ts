// Screen text of the first paint: the shell and the case list (other screens: ui-screens.ts).
// Form labels live in ui-forms.ts. Keys are namespaced by screen.
export const ui = {
  'shell.skip': '跳到主要内容',
  'shell.nav': '主导航',
  'shell.sync': '同步状态',
  'shell.syncError': '同步出错：{error}',
  'format.yuan': '{amount} 元',

  'list.title': '案件',
  'list.tabs': '按办理状态查看',
  'list.tab.open': '调解中',
  'list.tab.visit': '待回访',
  'list.tab.closed': '已结',
  'list.tab.all': '全部',
  'list.search': '查找案件',
  'list.search.placeholder': '姓名或案件编号',
  'list.search.results': '“{text}”的查找结果（包括所有状态）',
  'list.category': '纠纷类型',
  'list.category.all': '全部类型',
  'list.empty': '这里还没有案件。',
  'list.empty.search': '没有找到与“{text}”有关的案件。',
  'list.empty.new': '受理一件新纠纷',
  'list.acceptedOn': '受理 {date}',
  'list.parties': '{applicants} 与 {respondents}',
  'list.pending': '{n} 处改动未同步',




  'remind.labour15Soon': '劳动争议：{date}前仍未达成协议的，当事人可申请劳动仲裁',
  'remind.overdue': '已逾期 {days} 天',
  'remind.dueToday': '今天到期',
  'remind.daysLeft': '还剩 {days} 天',
  'remind.due': '{date}到期',


} as const;
