// The field registry's sentences (shared/fields): the 受理/编辑 forms' "更多信息" section, the
// labels, hints and messages of fields added through the registry.
export const fields = {
  'caseForm.more': '更多信息',
  'caseForm.moreHint': '{fields}',
  'validation.count': '请填写整数，例如 4 或 四',
  'field.partiesInvolved': '涉及当事人数',
  'field.mediationPublic': '公开或不公开调解',
  'field.mediationPublic.hint': '当事人可以要求调解公开进行或者不公开进行（人民调解法第二十三条）',
  'field.mediationPublic.公开': '公开调解',
  'field.mediationPublic.不公开': '不公开调解',
  'case.mediationPublic.invalid': '请选择公开调解或不公开调解',
  'field.policeReported': '已报告公安机关',
  'flags.policeReported': '已向当地公安机关报告（可能引起治安案件、刑事案件的纠纷，人民调解法第二十五条）',
  'agreementForm.place': '履行地点',
  'agreementForm.place.hint': '交付、修缮等在哪里履行；各笔款项的地点在款项里写',
  'doc.session.public': '经当事人同意，本次调解公开进行。',
  'doc.session.private': '依当事人要求，本次调解不公开进行。',
  'doc.session.policeReported': '本纠纷有激化可能，人民调解委员会已向当地公安机关报告。',
  'doc.agreement.place': '履行地点：{place}',
  'field.partiesInvolved.hint': '纠纷涉及的人数，包括没有列为当事人的群体成员',
  'report.col.partiesInvolved': '涉及当事人数（人）',
} as const;
