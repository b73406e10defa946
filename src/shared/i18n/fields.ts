// The field registry's sentences (shared/fields): the 受理/编辑 forms' "更多信息" section, the
// labels, hints and messages of fields added through the registry.
export const fields = {
  'caseForm.more': '更多信息',
  'caseForm.moreHint': '{fields}',
  'validation.count': '请填写整数，例如 4 或 四',
} as const;
