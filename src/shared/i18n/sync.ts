export const sync = {
  'sync.now': '立即同步',
  'sync.quota': '手机存储空间已满，收不下服务器发来的案件，同步已暂停。请删除一些照片、视频或不用的应用，空出空间后会自动继续同步；手机上已保存的记录不受影响。',
  'sync.signedOut': '未登录，不会同步',
  'sync.login': '登录',
  'sync.offline': '离线',
  'sync.syncing': '同步中',
  'sync.synced': '已同步 {time}',
  'sync.never': '尚未同步',
  'sync.pending': '{n} 条未同步',
  'sync.pendingBadge': '未同步',
  'sync.caseMissing': '找不到这个案件，它可能还没有同步到这台设备',
} as const;
