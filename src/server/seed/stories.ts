// What the demo disputes are about: per category, how often it happens in a farming county, the
// facts, what the applicant asks for, what an agreement says and the usual sums involved.
import { pick, int, type Rand } from './random.ts';

export interface Story {
  facts: string;
  claims: string[];
  terms: string[];
  amountYuan: number;
  method: string;
  failure: string;
}

type Teller = (rand: Rand, a: string, b: string) => Story;

const pay = (rand: Rand, min: number, max: number) => int(rand, min, max) * 100;

const tellers: Record<string, Teller> = {
  '01': (rand, a, b) => ({
    facts: `${a}与${b}系夫妻，婚后因${pick(rand, ['家庭开支', '照顾老人', '子女上学', '外出务工'])}问题长期争吵，${b}已回娘家居住两个月。`,
    claims: ['双方和好，共同生活', '明确家庭开支分担'],
    terms: [`${b}于协议签订后三日内回家共同生活`, '家庭收支由双方共同商量，重大开支须双方同意', '双方互相尊重，不得打骂对方'],
    amountYuan: 0, method: '双方自觉履行', failure: `${b}坚持离婚，双方未能达成一致`,
  }),
  '02': (rand, a, b) => ({
    facts: `${a}与${b}系前后院邻居，因${b}家${pick(rand, ['房后排水沟堵塞，雨水流入', '新建院墙占用通道，车辆无法进出', '堆放柴草挡住采光'])}${a}家，双方多次发生口角。`,
    claims: ['恢复原状', '赔礼道歉'],
    terms: [`${b}于十日内清理并恢复原状`, `${b}向${a}赔礼道歉`, '今后双方和睦相处，有事协商解决'],
    amountYuan: 0, method: '当场履行及限期履行', failure: '双方对界址各执一词，未能达成协议',
  }),
  '03': (rand, a, b) => ({
    facts: `${a}与${b}因宅基地边界发生争议，${b}翻建房屋时越过原界址约${int(rand, 1, 3)}米。`,
    claims: ['确认原有界址', `${b}拆除越界部分或给予补偿`],
    terms: ['以村委会存档图纸确定界址并埋设界桩', `${b}一次性补偿${a}`],
    amountYuan: pay(rand, 10, 60), method: '现金一次付清', failure: '双方对补偿数额分歧较大，建议通过诉讼解决',
  }),
  '04': (rand, a, b) => ({
    facts: `${a}于去年将玉米卖给${b}，${b}至今尚欠货款未付。`,
    claims: [`${b}支付所欠货款`],
    terms: [`${b}分两期付清所欠货款`, '逾期未付按约定支付违约金'],
    amountYuan: pay(rand, 50, 400), method: '分期付款', failure: `${b}表示无力偿还，${a}拟向法院起诉`,
  }),
  '05': (rand, a, b) => ({
    facts: `${a}与${b}合伙经营${pick(rand, ['养牛场', '农机作业', '粮食收购'])}，散伙时对盈余分配和设备归属发生争议。`,
    claims: ['依照出资比例分配盈余', '明确设备归属'],
    terms: ['设备归一方所有，由其按评估价折价补偿对方', '盈余按出资比例分配'],
    amountYuan: pay(rand, 100, 800), method: '银行转账', failure: '双方对账目分歧较大，未能达成协议',
  }),
  '06': (rand, a, b) => ({
    facts: `${b}家饲养的${pick(rand, ['牛', '羊', '猪'])}进入${a}家承包地，啃食玉米苗约${int(rand, 1, 5)}亩。`,
    claims: ['赔偿青苗损失'],
    terms: [`${b}赔偿${a}青苗损失`, `${b}今后看管好牲畜`],
    amountYuan: pay(rand, 5, 40), method: '现金一次付清', failure: '双方对损失数额分歧较大',
  }),
  '07': (rand, a, b) => ({
    facts: `${a}与${b}的承包地相邻，因${pick(rand, ['地头界线', '林带归属', '灌溉水渠'])}发生争议，春耕时双方发生推搡。`,
    claims: ['按承包合同确认地界', '停止侵占'],
    terms: ['按土地承包经营权证四至重新测量并确认地界', '双方互不越界耕种'],
    amountYuan: 0, method: '现场确认', failure: '涉及承包经营权确认，告知当事人向乡镇政府申请处理',
  }),
  '10.1': (rand, a, b) => ({
    facts: `${a}等人在${b}承包的工地务工，工程完工后${b}拖欠工资未付。`,
    claims: [`${b}支付拖欠的工资`],
    terms: [`${b}于十五日内付清拖欠工资`],
    amountYuan: pay(rand, 80, 600), method: '银行转账', failure: `${b}称发包方未结算，告知${a}可申请劳动仲裁`,
  }),
  '13': (rand, a, b) => ({
    facts: `${b}驾驶三轮车与${a}驾驶的电动车在村道相撞，${a}受轻伤，交警已认定${b}负主要责任。`,
    claims: ['赔偿医疗费、误工费和车辆修理费'],
    terms: [`${b}赔偿${a}医疗费、误工费和修理费`, '此事一次性了结，双方不再追究'],
    amountYuan: pay(rand, 20, 150), method: '现金一次付清', failure: '双方对误工费计算分歧较大，建议通过诉讼解决',
  }),
  '14': (rand, a, b) => ({
    facts: `${a}以小区${pick(rand, ['供暖不达标', '楼道照明损坏', '垃圾清运不及时'])}为由拒交物业费，${b}多次催缴。`,
    claims: ['补缴物业费', '物业公司整改服务问题'],
    terms: ['物业公司于一个月内完成整改', `${a}于整改后补缴物业费`],
    amountYuan: pay(rand, 10, 30), method: '分期付款', failure: '双方各执一词，未能达成协议',
  }),
};

const general: Teller = (rand, a, b) => ({
  facts: `${a}与${b}因${pick(rand, ['借款未还', '共用机井用水', '赡养老人费用分摊', '红白事费用'])}发生纠纷，多次协商未果。`,
  claims: ['依法依理解决纠纷'],
  terms: ['双方按协商结果各自履行', '今后互谅互让'],
  amountYuan: pay(rand, 0, 100), method: '双方自觉履行', failure: '双方分歧较大，未能达成协议',
});

export function story(category: string, rand: Rand, a: string, b: string): Story {
  return (tellers[category] ?? general)(rand, a, b);
}

/** How often each category comes to a village committee here (weights, roughly per 司法统计). */
export const categoryWeights: readonly (readonly [string, number])[] = [
  ['01', 16], ['02', 22], ['03', 10], ['04', 6], ['05', 4], ['06', 10], ['07', 13], ['08', 1], ['09', 1],
  ['10.1', 4], ['10.2', 1], ['11.3', 1], ['12', 1], ['13', 5], ['14', 2], ['15', 3],
];
