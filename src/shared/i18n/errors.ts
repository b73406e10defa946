export const errors = {
  'error.unknown': '出了点问题，请稍后再试。如果一直这样，请联系司法所。',
  'error.network': '网络不通，数据已保存在手机上，有信号时会自动同步',
  'error.offline': '网络不通，请检查网络后重试',
  'error.status': '服务器出错（{status}），请稍后再试',
} as const;
