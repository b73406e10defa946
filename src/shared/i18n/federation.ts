// Federation (county → province → nation): what the servers answer when a signed month is made or
// taken in. Each says what to do next.
export const federation = {
  'federation.notSigned': '{month} 还没有签收，县级签收后才能上报',
  'federation.fileInvalid': '这不是说和的上报文件，或文件不完整。请向县司法局重新索取原文件，不要用其他软件打开后另存',
  'federation.keyInvalid': '公钥格式不对：请粘贴县级服务器“上报公钥”页面上的整段内容（以 -----BEGIN PUBLIC KEY----- 开头）',
  'federation.keyUnknown': '{county} 的公钥还没有登记：请先登记该县服务器的上报公钥，再导入',
  'federation.signatureInvalid': '文件的签名与 {county} 登记的公钥不符：文件可能被改动过，或来自其他服务器。请向该县索取原文件，并核对公钥指纹',
  'federation.columnsUnknown': '文件来自不同版本的说和，统计项不一致：请两端升级到同一版本后重新导出',
  'federation.hostedHere': '{county} 的案件就在本服务器上，统计已自动汇总，不需要导入上报文件',
  'federation.already': '{county} {month} 的第 {version} 版已经导入过，无需重复导入',
  'federation.replayed': '这是 {county} {month} 的旧版本（第 {version} 版），本服务器已有第 {current} 版，旧文件不能覆盖新数据',
  'federation.versionConflict': '{county} {month} 的第 {version} 版与已导入的同版本内容不同：文件可能被改动过，请向该县核实',
  'federation.chainBroken': '{county} {month} 的第 {version} 版不是接着本服务器已有的第 {current} 版签发的：请先导入中间的版本，或向该县核实',
} as const;
