// Going live: answers the server writes outside the API routes (HTTP errors Node raises itself),
// the operations endpoints, the backup tools and the 审计日志 screen.
export const ops = {
  'server.headersTooLarge': '请求头太大，请清除浏览器中本站的数据后再试',
  'server.timeout': '请求超时，请检查网络后再试',
  'metrics.forbidden': '运行指标只对系统管理员开放，请用管理员账号或 METRICS_TOKEN 访问',
  'backup.usage': '用法：npm run backup -- 备份文件路径（恢复：npm run restore -- 备份文件路径）',
  'backup.fileExists': '{file} 已经存在：请换一个新的备份文件名，旧备份不会被覆盖',
  'backup.noDatabase': '找不到数据库 {file}：请检查 DATA_DIR 是否与服务器使用的一致',
  'backup.noFile': '找不到备份文件 {file}',
  'backup.wrongKind': '{file} 不是 {kind} 备份：SQLite 备份请在不设 DATABASE_URL 时恢复，PostgreSQL 备份请设 DATABASE_URL 后恢复',
  'backup.targetNotEmpty': '恢复目标 {target} 里已经有数据：为防止覆盖，只能恢复到空的 DATA_DIR 或空数据库。请先停止服务器，把现有数据移到别处（或新建一个空数据库）再恢复',
  'backup.corrupt': '备份文件 {file} 已损坏（完整性检查未通过），请换一份备份',
  'backup.done': '已备份到 {file}（{bytes} 字节）',
  'backup.restored': '已从 {file} 恢复。启动服务器后，备份之后同步过的手机会自动补传服务器缺少的记录',
} as const;
