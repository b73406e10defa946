// Cases held by any registered committee (issue #14): the server's refusals, the 受理 form's
// question of which committee, the accounts screen's membership, statistics by 调解主体, 移交.
export const committees = {
  'push.committeeUnknown': '登记本案的调解委员会不在名录中（可能已被撤销），请在“我的”同步后重新选择调解委员会再受理',
  'push.committeeArea': '案件所在地与调解委员会不一致：村（居）调委会以上的案件随调委会所在地，要交给别的调委会请用“移交”',
  'committee.pick': '由哪个调解委员会受理',
  'committee.pick.required': '请选择受理本案的调解委员会',
  'account.committees': '所属调解委员会',
  'account.committees.hint': '可选多个；不选则为所在村（社区）的人民调解委员会',
  'account.committees.invalid': '所选调解委员会不在您管辖的地区内，请重新选择',
  'account.committees.none': '本地区还没有登记调解委员会，请先在“调解组织网络”中登记',
  'network.shortName': '案号简称',
  'network.shortName.hint': '用于案号，如“开鲁镇调”编为（2026）开鲁镇调字第1号；不填则取名称',
  'stats.byCommitteeType': '按调解主体',
  'stats.committeeType': '调解主体',
  'area.countyLevel': '县直',
  'area.ownLevel': '{name}本级',
  'stats.committeeType.unknown': '未分（外县报送）',
} as const;
