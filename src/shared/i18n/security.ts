// What the server says when it refuses input or a request for safety's sake (issue #12): bad
// characters, cursors, reused sequence numbers, passwords, throttles, devices. Each key is also
// the stable `code` of the JSON error.
export const security = {
  'server.badText': '提交的内容里有无法保存的特殊字符（如控制字符），请删除后重新输入',
  'sync.badCursor': '同步位置不正确，请更新应用后再试',
  'push.seqReused': '这台设备的记录编号与服务器上已有的记录重复，这条修改没有生效，已转到待核对，请司法所核对后重新录入',
  'auth.busy': '登录的人太多，请稍等一分钟再试',
  'auth.deviceMismatch': '这次登录不属于这台设备，请重新登录',
  'requests.busy': '提交的申请太多，服务器正忙，请过一会儿再试',
} as const;
