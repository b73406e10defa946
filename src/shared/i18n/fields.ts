// The field registry's sentences (shared/fields): the 受理/编辑 forms' "更多信息" section, the
// labels, hints and messages of fields added through the registry.
export const fields = {
  'caseForm.more': '更多信息',
  'caseForm.moreHint': '{fields}',
  'validation.count': '请填写整数，例如 4 或 四',
  'field.partiesInvolved': '涉及当事人数',
  'field.partiesInvolved.hint': '纠纷涉及的人数，包括没有列为当事人的群体成员',
  'report.col.partiesInvolved': '涉及当事人数（人）',
} as const;
