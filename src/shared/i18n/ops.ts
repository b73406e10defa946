// Going live: answers the server writes outside the API routes (HTTP errors Node raises itself),
// the operations endpoints, the backup tools and the 审计日志 screen.
export const ops = {
  'server.headersTooLarge': '请求头太大，请清除浏览器中本站的数据后再试',
  'server.timeout': '请求超时，请检查网络后再试',
  'metrics.forbidden': '运行指标只对系统管理员开放，请用管理员账号或 METRICS_TOKEN 访问',
} as const;
