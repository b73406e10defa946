// Counties from the national 统计用区划代码: the administrator's set-up (screen and CLI), the area
// pickers (省 → 市 → 县 → 乡镇 → 村) and the place names a phone keeps offline.
export const county = {
  'county.unknown': '全国区划代码里没有县级代码 {county}，请按 省 → 市 → 县 重新选择',
  'county.notSetUp': '{county} 还没有在本服务器设立，请联系县司法局或系统管理员先设立这个县',
  'county.setUp.title': '设立县（区）',
  'county.setUp.lead': '从国家统计局统计用区划代码中选择一个县（区），其乡镇、村（社区）和默认的村（居）、乡镇人民调解委员会一次建好；已设立的县再设立一次不会重复。',
  'county.setUp.button': '设立 {name}',
  'county.setUp.done': '已设立 {name}：{towns} 个乡镇（街道），{villages} 个村（社区），新建 {added} 个地区',
  'county.setUp.already': '（已设立）',
  'county.setUp.list': '本服务器已设立的县（区）',
  'county.setUp.none': '还没有设立任何县（区）',
  'picker.province': '省（自治区、直辖市）',
  'picker.city': '市（地区、州、盟）',
  'picker.county': '县（区、旗）',
  'picker.town': '乡镇（街道）',
  'picker.village': '村（社区）',
  'picker.choose': '请选择',
  'picker.loading': '正在读取地区…',
  'picker.offline': '读取地区需要联网一次，请连上网络后再试',
  'picker.noCounties': '本服务器还没有设立任何县（区），请联系县司法局或系统管理员',
  'areas.refreshFailed': '地名暂时没有更新：{message}',
  'cli.county.added': '已设立 {name}（{county}）：{towns} 个乡镇（街道），{villages} 个村（社区），新建 {added} 个地区（{database}，{ms} 毫秒）。',
};
